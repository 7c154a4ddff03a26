package dev.flowlens.sources.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TestCounters {
    private enum Key {
        A,
        B,
        C
    }

    @Test
    void eachKeyCountsApart() {
        Counters<Key> c = new Counters<>(Key.class);
        c.add(Key.A);
        c.add(Key.C, 5);
        c.add(Key.C);
        assertThat(c.get(Key.A)).isEqualTo(1);
        assertThat(c.get(Key.B)).isZero();
        assertThat(c.get(Key.C)).isEqualTo(6);
    }

    @Test
    void threadsAddingAtOnceLoseNothing() throws InterruptedException {
        Counters<Key> c = new Counters<>(Key.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.add(Key.B);
                    c.add(Key.A, 2);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(c.get(Key.B)).isEqualTo(40_000);
        assertThat(c.get(Key.A)).isEqualTo(80_000);
    }
}
