package dev.flowlens.sources.cloudwatch;

/**
 * Spaces requests at most {@code permitsPerSecond} apart (no burst beyond one request), on an
 * injected clock and sleeper so that tests check the schedule without waiting. Every HTTP attempt,
 * retries included, takes a permit: the service never sees more than the rate.
 */
public final class RateLimiter {
    /** Time in nanoseconds, and a way to wait. */
    public interface Ticker {
        long nanos();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    public static final Ticker SYSTEM = new Ticker() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private final double permitsPerSecond;
    private final Ticker ticker;
    private final long interval;
    private long next = Long.MIN_VALUE;
    private long waited;
    private long permits;

    /** @param permitsPerSecond requests per second; 0 or less: no limit */
    public RateLimiter(double permitsPerSecond, Ticker ticker) {
        this.permitsPerSecond = permitsPerSecond;
        this.ticker = ticker;
        this.interval = permitsPerSecond > 0 ? Math.round(1e9 / permitsPerSecond) : 0;
    }

    /** Waits for the next permit; returns the time of the permit (the ticker's nanoseconds). */
    public synchronized long acquire() throws InterruptedException {
        long now = ticker.nanos();
        permits++;
        if (interval == 0) {
            return now;
        }
        if (next == Long.MIN_VALUE || now >= next) {
            next = now + interval;
            return now;
        }
        long wait = next - now;
        ticker.sleepNanos(wait);
        waited += wait;
        long at = next;
        next += interval;
        return at;
    }

    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** Time spent waiting for permits, in nanoseconds. */
    public synchronized long waitedNanos() {
        return waited;
    }

    public synchronized long permits() {
        return permits;
    }
}
