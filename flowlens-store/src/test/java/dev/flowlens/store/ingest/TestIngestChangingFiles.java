package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.store.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that change between runs or while they are read. The policy: a path whose size or time
 * changed since it was loaded is loaded again and its old rows are removed in the same transaction
 * (never both versions); the same bytes under a new time are not read again; a file that changes
 * while it is read is rolled back and reported, and the next run loads it whole.
 */
class TestIngestChangingFiles {
    private static final String HEADER = V2Records.HEADER;

    @TempDir
    Path tmp;

    /** The workspace each test loads into. */
    private Path db;

    @BeforeEach
    void workspace() {
        db = tmp.resolve("ws.db");
    }

    private static String records(int from, int to) {
        return V2Records.lines(0, from, to, 1);
    }

    private static IngestSummary ingest(Path db, Path... paths) throws Exception {
        return IngestTesting.ingestWith(db, new IngestOptions(null, false, 2, 64), List.of(paths));
    }

    /** A v2 file {@code name} in the test's directory holding records {@code [from, to)}. */
    private Path log(String name, int from, int to) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, HEADER + records(from, to));
        return f;
    }

    private static long flows(Path db) throws Exception {
        return IngestTesting.count(db, "SELECT count(*) FROM flows");
    }

    @Test
    void appendedBetweenRunsReplacesTheOldRows() throws Exception {
        Path f = log("growing.log", 0, 600);
        assertThat(ingest(db, f).records()).isEqualTo(600);
        Files.writeString(f, records(600, 1000), StandardOpenOption.APPEND);
        IngestSummary again = ingest(db, f);
        assertThat(again.filesLoaded()).isEqualTo(1);
        assertThat(flows(db)).isEqualTo(1000);
        assertThat(IngestTesting.count(db, "SELECT count(DISTINCT srcport) FROM flows"))
                .isEqualTo(1000);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM files")).isEqualTo(1);
        TestIngestDuplicates.assertConsistent(db);
    }

    @Test
    void truncatedBetweenRunsKeepsOnlyWhatTheFileHoldsNow() throws Exception {
        Path f = log("shrinking.log", 0, 1000);
        ingest(db, f);
        Files.writeString(f, HEADER + records(0, 300));
        ingest(db, f);
        assertThat(flows(db)).isEqualTo(300);
        TestIngestDuplicates.assertConsistent(db);
    }

    @Test
    void aTruncatedGzipCompletedLaterIsLoadedWholeOnce() throws Exception {
        byte[] whole = TestIngestFuzz.gzip((HEADER + records(0, 20_000)).getBytes(StandardCharsets.US_ASCII));
        Path f = tmp.resolve("late.log.gz");
        Files.write(f, Arrays.copyOf(whole, whole.length / 2));
        IngestSummary part = ingest(db, f);
        assertThat(part.failures())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(FileResult.Status.PARTIAL));
        assertThat(flows(db)).isBetween(1L, 19_999L);
        Files.write(f, whole);
        IngestSummary done = ingest(db, f);
        assertThat(done.filesLoaded()).isEqualTo(1);
        assertThat(flows(db)).isEqualTo(20_000);
        assertThat(IngestTesting.query(db, "SELECT status FROM files"))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "LOADED"));
        TestIngestDuplicates.assertConsistent(db);
    }

    @Test
    void theSameBytesWithANewTimeAreNotReadAgain() throws Exception {
        Path f = log("touched.log", 0, 100);
        ingest(db, f);
        Files.setLastModifiedTime(
                f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 60_000));
        IngestSummary again = ingest(db, f);
        assertThat(again.filesSkipped()).isEqualTo(1);
        assertThat(flows(db)).isEqualTo(100);
        assertThat(IngestTesting.count(db, "SELECT mtime FROM files"))
                .isEqualTo(Files.getLastModifiedTime(f).toMillis());
        TestIngestDuplicates.assertConsistent(db);
    }

    @Test
    void aPathThatNowHoldsAnotherLoadedFilesContentLosesItsOldRows() throws Exception {
        Path a = log("a.log", 0, 100);
        Path b = log("b.log", 100, 150);
        ingest(db, a, b);
        Files.copy(b, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ingest(db, a);
        assertThat(flows(db)).isEqualTo(50);
        TestIngestDuplicates.assertConsistent(db);
    }

    @Test
    void appendedWhileBeingReadIsRolledBackAndReportedThenLoadedWholeByTheNextRun() throws Exception {
        Path f = log("live.log", 0, 2000);
        Path other = log("other.log", 5000, 5100);
        IngestListener appender = new IngestListener() {
            private boolean done;

            @Override
            public synchronized void reached(Point point) {
                if (point == Point.BATCH_READ && !done) {
                    done = true;
                    try {
                        Files.writeString(f, records(2000, 2500), StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        IngestSummary s;
        try (Workspace ws = Workspace.open(db)) {
            s = new Ingestor(ws, new IngestOptions(null, false, 1, 64, 0), appender).ingest(List.of(f));
        }
        assertThat(s.filesFailed()).isEqualTo(1);
        assertThat(s.failures())
                .singleElement()
                .satisfies(r -> assertThat(r.error()).contains("changed while it was read"));
        assertThat(flows(db)).isZero();
        TestIngestDuplicates.assertConsistent(db);
        IngestSummary next = ingest(db, f, other);
        assertThat(next.filesLoaded()).isEqualTo(2);
        assertThat(flows(db)).isEqualTo(2600);
        TestIngestDuplicates.assertConsistent(db);
    }
}
