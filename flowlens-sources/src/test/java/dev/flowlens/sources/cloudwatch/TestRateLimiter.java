package dev.flowlens.sources.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate limiter's schedule on a fake ticker: permits spaced by 1/rate, no burst, idle time not saved up. */
class TestRateLimiter {
    /** Time that moves when the limiter sleeps, or when the test says so. */
    static final class FakeTicker implements RateLimiter.Ticker {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void permitsAreSpacedByTheRate() throws Exception {
        FakeTicker t = new FakeTicker();
        RateLimiter limiter = new RateLimiter(5, t);
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            at.add(limiter.acquire());
        }
        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 1)).isEqualTo(200_000_000L);
        }
        assertThat(t.now).isEqualTo(2_000_000_000L);
        assertThat(limiter.waitedNanos()).isEqualTo(2_000_000_000L);
        assertThat(limiter.permits()).isEqualTo(11);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws Exception {
        FakeTicker t = new FakeTicker();
        RateLimiter limiter = new RateLimiter(2, t);
        limiter.acquire();
        t.now += 10_000_000_000L; // ten idle seconds
        long a = limiter.acquire();
        long b = limiter.acquire();
        assertThat(b - a).isEqualTo(500_000_000L);
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        FakeTicker t = new FakeTicker();
        RateLimiter limiter = new RateLimiter(0, t);
        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }
        assertThat(t.sleeps).isEmpty();
        assertThat(limiter.waitedNanos()).isZero();
    }
}
