package dev.flowlens.spark;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The busiest key hashes of some records: their total bytes per hash, at least {@code limit} of
 * them (all, when fewer), with every hash whose total ties the {@code limit}-th.
 *
 * <p>The records' {@code (h, bytes, mark)} are shuffled by hash, so a partition holds every record
 * of its hashes; each partition adds up its hashes in a map of primitive longs and sends the driver
 * its own busiest {@code limit} with their ties. A hash among the busiest overall is among its
 * partition's busiest, so the driver cuts the union. Spark's own aggregation would add up every
 * hash twice (before and after the shuffle) and keep all the totals: with about one key a record,
 * as flow logs of short connections have, that is most of the work.
 *
 * <p>A hash's {@code mark} is a long its records share (the conversation's ports), or {@link
 * #MIXED} when they differ: a later scan can skip records without a kept hash's mark before it
 * computes their hash.
 */
final class HashCut {
    private static final long PARTITION_BYTES = 16L << 20;
    private static final long MAX_PARTITIONS = 100_000;

    /** The mark of a hash whose records had different marks. */
    static final long MIXED = Long.MIN_VALUE;

    /** The kept hashes, with their totals and marks (in the order of the partitions). */
    final Sums kept;
    /** The {@code limit}-th highest total (the lowest kept), or 0 when there is none. */
    final long lowest;
    /** True when every hash was kept (fewer than {@code limit}). */
    final boolean all;
    /** True when a record had a negative byte count: a hash's total may then be below a key's. */
    final boolean negative;

    private HashCut(Sums kept, long lowest, boolean all, boolean negative) {
        this.kept = kept;
        this.lowest = lowest;
        this.all = all;
        this.negative = negative;
    }

    /**
     * The cut of {@code records}' long column {@code h} by the sum of their {@code bytes}, with
     * {@code mark}, in {@code partitions} partitions (see {@link #partitions}).
     */
    static HashCut of(Dataset<Row> records, int limit, int partitions) {
        Dataset<Row> triples =
                records.select(col("h"), col("bytes"), col("mark")).repartition(partitions, col("h"));
        List<Busiest> parts = triples.queryExecution()
                .toRdd()
                .toJavaRDD()
                .mapPartitions(new PerPartition(limit))
                .collect();
        return union(parts, limit);
    }

    /**
     * How many partitions the hashes of {@code scanned}'s records go to: a few a core, and about a
     * million records each (16 MB of the lake's Parquet, which holds 15 to 25 bytes a record), so
     * that a task's sums take some 50 MB whatever the lake's size; the number asked for is kept (not
     * merged into fewer by adaptive execution).
     */
    static int partitions(Dataset<Row> scanned) {
        int perCore = FileSlices.SLICES_PER_CORE
                * scanned.sparkSession().sparkContext().defaultParallelism();
        BigInteger bytes =
                scanned.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
        long bySize = bytes.divide(BigInteger.valueOf(PARTITION_BYTES))
                .min(BigInteger.valueOf(MAX_PARTITIONS))
                .longValue();
        return (int) Math.max(perCore, bySize + 1);
    }

    /** The cut of the partitions' busiest hashes (each partition holding all the records of its hashes). */
    static HashCut union(List<Busiest> parts, int limit) {
        int n = parts.stream().mapToInt(p -> p.sums.hashes.length).sum();
        Sums all = new Sums(new long[n], new long[n], new long[n]);
        boolean negative = false;
        int at = 0;
        for (Busiest p : parts) {
            int k = p.sums.hashes.length;
            System.arraycopy(p.sums.hashes, 0, all.hashes, at, k);
            System.arraycopy(p.sums.totals, 0, all.totals, at, k);
            System.arraycopy(p.sums.marks, 0, all.marks, at, k);
            at += k;
            negative |= p.negative;
        }
        if (n < limit) {
            return new HashCut(all, Arrays.stream(all.totals).min().orElse(0), true, negative);
        }
        long lowest = nthHighest(all.totals, limit);
        return new HashCut(all.atLeast(lowest), lowest, false, negative);
    }

    /**
     * The {@code n}-th highest of {@code values} ({@code n} at most their number): the least of
     * the {@code n} highest, kept in a heap as they pass (no sort of millions of totals).
     */
    static long nthHighest(long[] values, int n) {
        long[] heap = new long[n];
        System.arraycopy(values, 0, heap, 0, n);
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(heap, i);
        }
        for (int i = n; i < values.length; i++) {
            if (values[i] > heap[0]) {
                heap[0] = values[i];
                siftDown(heap, 0);
            }
        }
        return heap[0];
    }

    /** Restores a least-first heap below {@code i}. */
    private static void siftDown(long[] heap, int i) {
        int at = i;
        while (true) {
            int least = at;
            int left = 2 * at + 1;
            int right = left + 1;
            if (left < heap.length && heap[left] < heap[least]) {
                least = left;
            }
            if (right < heap.length && heap[right] < heap[least]) {
                least = right;
            }
            if (least == at) {
                return;
            }
            long t = heap[at];
            heap[at] = heap[least];
            heap[least] = t;
            at = least;
        }
    }

    /** Hashes with their totals and marks, in three arrays of the same length. */
    record Sums(long[] hashes, long[] totals, long[] marks) implements Serializable {
        /** Those with a total of {@code lowest} or more. */
        Sums atLeast(long lowest) {
            int n = (int) Arrays.stream(totals).filter(t -> t >= lowest).count();
            Sums out = new Sums(new long[n], new long[n], new long[n]);
            int at = 0;
            for (int i = 0; i < totals.length; i++) {
                if (totals[i] >= lowest) {
                    out.hashes[at] = hashes[i];
                    out.totals[at] = totals[i];
                    out.marks[at++] = marks[i];
                }
            }
            return out;
        }
    }

    /** What a partition sends: its busiest hashes, and whether it saw a negative count. */
    record Busiest(Sums sums, boolean negative) implements Serializable {}

    /** A partition's totals per hash, then its busiest {@code limit} and their ties. */
    static final class PerPartition implements FlatMapFunction<Iterator<InternalRow>, Busiest> {
        private static final long serialVersionUID = 1L;
        private final int limit;

        PerPartition(int limit) {
            this.limit = limit;
        }

        @Override
        public Iterator<Busiest> call(Iterator<InternalRow> rows) {
            LongSums sums = new LongSums();
            boolean negative = false;
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                long bytes = r.isNullAt(1) ? 0 : r.getLong(1);
                negative |= bytes < 0;
                sums.add(r.getLong(0), bytes, r.getLong(2));
            }
            Sums all = sums.sums();
            Sums busiest = all.hashes.length <= limit ? all : all.atLeast(nthHighest(all.totals, limit));
            return List.of(new Busiest(busiest, negative)).iterator();
        }
    }

    /**
     * Sums and marks per long key: open addressing in one array of (key, sum, mark) slots, half full
     * at most, so that a key's slot is one memory access away. Key 0 marks an empty slot; its own
     * sum and mark are kept aside.
     */
    static final class LongSums {
        private static final int SLOT = 3;
        private long[] slots = new long[SLOT << 12];
        private int size;
        private boolean zero;
        private long zeroSum;
        private long zeroMark;

        void add(long key, long value, long mark) {
            if (key == 0) {
                zeroMark = !zero || zeroMark == mark ? mark : MIXED;
                zeroSum = zero ? zeroSum + value : value;
                zero = true;
                return;
            }
            int capacity = slots.length / SLOT;
            int i = spread(key) & (capacity - 1);
            while (slots[i * SLOT] != 0 && slots[i * SLOT] != key) {
                i = (i + 1) & (capacity - 1);
            }
            int at = i * SLOT;
            if (slots[at] == key) {
                slots[at + 1] += value;
                if (slots[at + 2] != mark) {
                    slots[at + 2] = MIXED;
                }
                return;
            }
            slots[at] = key;
            slots[at + 1] = value;
            slots[at + 2] = mark;
            if (++size * 2 > capacity) {
                grow();
            }
        }

        private static int spread(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (int at = 0; at < old.length; at += SLOT) {
                if (old[at] != 0) {
                    add(old[at], old[at + 1], old[at + 2]);
                }
            }
        }

        /** Every key with its sum and mark. */
        Sums sums() {
            int n = size + (zero ? 1 : 0);
            Sums out = new Sums(new long[n], new long[n], new long[n]);
            int k = 0;
            for (int at = 0; at < slots.length; at += SLOT) {
                if (slots[at] != 0) {
                    out.hashes[k] = slots[at];
                    out.totals[k] = slots[at + 1];
                    out.marks[k++] = slots[at + 2];
                }
            }
            if (zero) {
                out.totals[k] = zeroSum;
                out.marks[k] = zeroMark;
            }
            return out;
        }
    }
}
