package dev.flowlens.sources.aws;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts that several threads add to, one per constant of {@code K}: an SDK interceptor counts
 * requests on the client's threads while the reader counts pages on its own. One array keyed by
 * the enum replaces a field per count, and a new count is a new constant.
 */
public final class Counters<K extends Enum<K>> {
    private final AtomicLongArray counts;

    public Counters(Class<K> keys) {
        this.counts = new AtomicLongArray(keys.getEnumConstants().length);
    }

    public void add(K key) {
        counts.incrementAndGet(key.ordinal());
    }

    public void add(K key, long n) {
        counts.addAndGet(key.ordinal(), n);
    }

    public long get(K key) {
        return counts.get(key.ordinal());
    }
}
