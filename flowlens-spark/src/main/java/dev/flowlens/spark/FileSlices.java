package dev.flowlens.spark;

import dev.flowlens.core.s3.S3ObjectKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a run's files into the slices that the executors read and write, one task each: runs of
 * files adjacent in time, of about equal bytes. A task writes its records straight into the lake,
 * one Parquet file per partition (account, region, date, hour) it holds, without a shuffle: files
 * adjacent in time hold the same hours, so an hour ends up in one file, or in a few where slices
 * meet (see {@link LakeIngest}).
 */
final class FileSlices {
    /** The least input (bytes as stored) a slice is given while fewer slices than the cores' would do. */
    static final long MIN_SLICE_BYTES = 16L << 20;
    /**
     * The most input a slice is given (as Spark's {@code spark.sql.files.maxPartitionBytes}): a task
     * then holds a few hours of a busy account (10 hours at 10 million records a day), well under
     * the files a task keeps open ({@code spark.sql.maxConcurrentOutputFileWriters}); past those,
     * Spark sorts the task's rows by partition.
     */
    static final long MAX_SLICE_BYTES = 128L << 20;
    /**
     * Slices per core: enough that a core that finishes early takes another, so no core waits on one
     * (the lake's scan splits and the hash partitions of {@code conversations} are as many).
     */
    static final int SLICES_PER_CORE = 4;

    private FileSlices() {}

    /**
     * The slices of {@code files} for a cluster of {@code cores} cores, each of at least {@code
     * minSliceBytes} (but the last) while that gives fewer than {@link #SLICES_PER_CORE} a core, and
     * of at most about {@link #MAX_SLICE_BYTES} (a file is not split); every file in exactly one slice.
     */
    static List<List<FileTask>> of(List<FileTask> files, int cores, long minSliceBytes) {
        if (files.isEmpty()) {
            return List.of();
        }
        Map<FileTask, String> keys = new HashMap<>();
        for (FileTask f : files) {
            keys.put(f, orderKey(f));
        }
        List<FileTask> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing(keys::get));
        long total = 0;
        for (FileTask f : ordered) {
            total += Math.max(1, f.size());
        }
        long bySize = (total + minSliceBytes - 1) / minSliceBytes;
        long atMost = (total + MAX_SLICE_BYTES - 1) / MAX_SLICE_BYTES;
        long wanted = Math.max(atMost, Math.min((long) cores * SLICES_PER_CORE, bySize));
        int count = (int) Math.max(1, Math.min(ordered.size(), wanted));
        List<List<FileTask>> slices = new ArrayList<>(count);
        List<FileTask> current = new ArrayList<>();
        long done = 0;
        for (FileTask f : ordered) {
            current.add(f);
            done += Math.max(1, f.size());
            // the slice ends where the bytes so far reach its share of the whole
            if (slices.size() < count - 1 && done * count >= total * (slices.size() + 1)) {
                slices.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            slices.add(current);
        }
        return slices;
    }

    /**
     * Account, region and time of the S3 key, then the path: the 5-minute objects of one hour side
     * by side, whichever flow log delivered them; a file without a time in its name by its path.
     */
    static String orderKey(FileTask f) {
        S3ObjectKey k = S3ObjectKey.parse(f.path());
        String account = k.accountId() == null ? "" : k.accountId();
        String region = k.region() == null ? "" : k.region();
        String time = k.fileTime() == null ? "" : String.format(java.util.Locale.ROOT, "%019d", k.fileTime());
        return account + '\u0000' + region + '\u0000' + time + '\u0000' + f.path();
    }
}
