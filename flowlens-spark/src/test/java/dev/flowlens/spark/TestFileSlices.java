package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestFileSlices {
    private static final String PREFIX = "/logs/AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/05/01/";

    /** A 5-minute object of flow log {@code flowLog} at {@code hhmm} on 2024-05-01. */
    private static FileTask object(int id, String flowLog, String hhmm, long size) {
        String name = "123456789012_vpcflowlogs_us-east-1_" + flowLog + "_20240501T" + hhmm + "Z_abcd1234.log.gz";
        return new FileTask(id, "file:" + PREFIX + name, PREFIX + name, size, 0);
    }

    /** A day of 5-minute objects from two flow logs (listed by path: one flow log's day, then the other's). */
    private static List<FileTask> twoFlowLogsOneDay() {
        List<FileTask> files = new ArrayList<>();
        int id = 0;
        for (String flowLog : List.of("fl-0a", "fl-0b")) {
            for (int m = 0; m < 24 * 60; m += 5) {
                files.add(object(id++, flowLog, String.format("%02d%02d", m / 60, m % 60), 1_000_000));
            }
        }
        return files;
    }

    @Test
    void everyFileIsInExactlyOneSliceAndSlicesFollowTheObjectsTimeAcrossFlowLogs() {
        List<FileTask> files = twoFlowLogsOneDay();
        List<List<FileTask>> slices = FileSlices.of(files, 2, 1);

        assertThat(slices).hasSize(8);
        assertThat(slices.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(files);
        // each slice holds both flow logs' objects of three adjacent hours, not one flow log's day
        for (int i = 0; i < slices.size(); i++) {
            List<String> hours = slices.get(i).stream()
                    .map(f -> f.path().replaceAll(".*T(\\d\\d)\\d\\dZ.*", "$1"))
                    .distinct()
                    .toList();
            assertThat(hours).hasSize(3).first().isEqualTo(String.format("%02d", 3 * i));
            assertThat(slices.get(i))
                    .extracting(f -> f.path().contains("fl-0b"))
                    .contains(true, false);
        }
    }

    @Test
    void slicesHoldAboutEqualBytes() {
        List<FileTask> files = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // a few large objects among small ones
            files.add(object(i, "fl-0a", String.format("%02d%02d", i / 12, i % 12 * 5), i % 10 == 0 ? 50_000 : 5_000));
        }
        long total = files.stream().mapToLong(FileTask::size).sum();
        List<List<FileTask>> slices = FileSlices.of(files, 1, 1);

        assertThat(slices).hasSize(FileSlices.SLICES_PER_CORE);
        for (List<FileTask> s : slices) {
            long bytes = s.stream().mapToLong(FileTask::size).sum();
            assertThat(bytes).isBetween(total / 4 - 50_000, total / 4 + 50_000);
        }
    }

    @Test
    void aLargeInputIsCutIntoSlicesOfAtMostAboutMaxSliceBytesHoweverFewTheCores() {
        List<FileTask> files = new ArrayList<>();
        for (FileTask f : twoFlowLogsOneDay()) {
            // 576 objects of 10 MB: 45 slices of 128 MB, where 1 core alone would make 4 of 1.4 GB
            files.add(new FileTask(f.fileId(), f.location(), f.path(), 10_000_000, 0));
        }
        List<List<FileTask>> slices = FileSlices.of(files, 1, FileSlices.MIN_SLICE_BYTES);
        assertThat(slices)
                .hasSize((int) ((576 * 10_000_000L + FileSlices.MAX_SLICE_BYTES - 1) / FileSlices.MAX_SLICE_BYTES));
        assertThat(slices.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(files);
        for (List<FileTask> slice : slices) {
            assertThat(slice.stream().mapToLong(FileTask::size).sum())
                    .isLessThanOrEqualTo(FileSlices.MAX_SLICE_BYTES + 10_000_000);
        }
    }

    @Test
    void smallInputsAreOneSliceAndNoSliceIsEmpty() {
        List<FileTask> files = twoFlowLogsOneDay().subList(0, 10);
        assertThat(FileSlices.of(files, 8, FileSlices.MIN_SLICE_BYTES)).hasSize(1);
        assertThat(FileSlices.of(files.subList(0, 3), 8, 1))
                .hasSize(3)
                .allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(FileSlices.of(List.of(), 8, 1)).isEmpty();
    }

    @Test
    void filesWithoutATimeInTheirNameGoByPath() {
        List<FileTask> files = List.of(
                new FileTask(0, "file:/x/b.log", "/x/b.log", 10, 0),
                new FileTask(1, "file:/x/a.log", "/x/a.log", 10, 0));
        assertThat(FileSlices.of(files, 1, 1).stream().flatMap(List::stream))
                .extracting(FileTask::path)
                .containsExactly("/x/a.log", "/x/b.log");
    }
}
