package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestHashCut {
    @ParameterizedTest
    @CsvSource({"1, 0", "10, 1", "5000, 2", "100000, 3"})
    void sumsEveryKeyAsAMapDoesAndMarksKeysWithMixedMarks(int keys, long seed) {
        Random random = new Random(seed);
        HashCut.LongSums sums = new HashCut.LongSums();
        Map<Long, Long> expected = new HashMap<>();
        Map<Long, Long> marks = new HashMap<>();
        for (int i = 0; i < keys * 3; i++) {
            // 0 and negative keys too: no value of a key is taken for "empty"
            long key = random.nextInt(keys) - keys / 2L;
            long value = random.nextInt(1000);
            // a key's mark is its own number but for one key in ten
            long mark = key % 10 == 0 ? random.nextInt(3) : key * 7;
            sums.add(key, value, mark);
            expected.merge(key, value, Long::sum);
            marks.merge(key, mark, (a, b) -> a.equals(b) ? a : HashCut.MIXED);
        }
        Map<Long, Long> actual = new HashMap<>();
        Map<Long, Long> actualMarks = new HashMap<>();
        HashCut.Sums all = sums.sums();
        for (int i = 0; i < all.hashes().length; i++) {
            assertThat(actual.put(all.hashes()[i], all.totals()[i])).isNull();
            actualMarks.put(all.hashes()[i], all.marks()[i]);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actualMarks).isEqualTo(marks);
    }

    @ParameterizedTest
    @CsvSource({"20, 1, 1, 0", "2000, 4, 10, 1", "2000, 8, 100, 2", "300, 3, 1000, 3", "50, 4, 7, 4"})
    void theUnionOfEachPartitionsBusiestIsTheBusiestOverall(int keys, int partitions, int limit, long seed) {
        Random random = new Random(seed);
        Map<Long, Long> totals = new TreeMap<>();
        List<List<InternalRow>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < keys * 4; i++) {
            long key = random.nextInt(keys);
            // few distinct byte counts: many ties at the cut; null bytes count as nothing
            Long bytes = random.nextInt(10) == 0 ? null : (long) random.nextInt(6);
            totals.merge(key, bytes == null ? 0 : bytes, Long::sum);
            parts.get((int) (key % partitions)).add(new GenericInternalRow(new Object[] {key, bytes, key + 1}));
        }
        List<HashCut.Busiest> busiest = new ArrayList<>();
        for (List<InternalRow> rows : parts) {
            Iterator<HashCut.Busiest> it = new HashCut.PerPartition(limit).call(rows.iterator());
            busiest.add(it.next());
            assertThat(it).isExhausted();
        }
        HashCut cut = HashCut.union(busiest, limit);

        long[] all = totals.values().stream().mapToLong(Long::longValue).toArray();
        Map<Long, Long> expected = new TreeMap<>();
        if (all.length <= limit) {
            expected.putAll(totals);
        } else {
            long lowest = HashCut.nthHighest(all, limit);
            totals.forEach((k, t) -> {
                if (t >= lowest) {
                    expected.put(k, t);
                }
            });
            assertThat(cut.lowest).isEqualTo(lowest);
        }
        Map<Long, Long> actual = new TreeMap<>();
        HashCut.Sums kept = cut.kept;
        for (int i = 0; i < kept.hashes().length; i++) {
            actual.put(kept.hashes()[i], kept.totals()[i]);
            assertThat(kept.marks()[i]).isEqualTo(kept.hashes()[i] + 1);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(cut.all).isEqualTo(all.length < limit);
        assertThat(cut.negative).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 0", "5, 1, 1", "5, 5, 2", "1000, 1, 3", "1000, 100, 4", "1000, 999, 5"})
    void theNthHighestIsTheSortedValuesNthFromTheTop(int size, int n, long seed) {
        Random random = new Random(seed);
        // few distinct values: ties; negative ones too
        long[] values = random.longs(size, -5, 20).toArray();
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        assertThat(HashCut.nthHighest(values, n)).isEqualTo(sorted[size - n]);
    }

    @ParameterizedTest
    @CsvSource({"-1, true", "0, false"})
    void aNegativeCountIsReported(long bytes, boolean negative) {
        List<InternalRow> rows = List.of(
                new GenericInternalRow(new Object[] {1L, 10L, 0L}),
                new GenericInternalRow(new Object[] {2L, bytes, 0L}));
        HashCut.Busiest b = new HashCut.PerPartition(1).call(rows.iterator()).next();
        assertThat(b.negative()).isEqualTo(negative);
        assertThat(b.sums().hashes()).containsExactly(1L);
    }
}
