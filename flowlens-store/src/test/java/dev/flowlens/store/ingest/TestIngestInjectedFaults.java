package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A write that fails inside the ingest (injected through the listener at each point of a file's
 * way: while it is parsed, just before a commit, after one) stops the run; whatever the point, the
 * workspace check passes afterwards, and the same ingest run again loads exactly what is missing.
 * The same rollback path a full disk takes (see {@link TestIngestDiskFull}), on any machine.
 */
class TestIngestInjectedFaults {
    @TempDir
    Path tmp;

    /** A failure of the store's writes, as the ingest would meet it. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }

    /**
     * {@code stops}: a failure while a group of files is written is retried one file per transaction
     * (the run goes on and loads everything); a failure of a single file's transaction or of a commit
     * stops the run.
     */
    @ParameterizedTest(name = "{0} #{1}, {2} worker(s), groups of {3} records, stops: {4}")
    @CsvSource({
        "BATCH_READ, 5, 1, 1000, false",
        "BATCH_READ, 9, 2, 1000, false",
        "FILE_STARTED, 4, 2, 1000000, false",
        "BATCH_READ, 7, 1, 0, true",
        "COMMITTING, 1, 1, 1000, true",
        "COMMITTING, 3, 2, 1000, true",
        "COMMITTING, 2, 2, 0, true",
        "COMMITTED, 2, 1, 0, true"
    })
    void aFailedWriteLeavesAConsistentWorkspaceAndTheRerunLoadsTheRest(
            IngestListener.Point point, int nth, int threads, long group, boolean stops) throws Exception {
        List<Path> files = TestIngestDuplicates.writeFiles(tmp.resolve("logs"), 12, 500);
        Path db = tmp.resolve("ws.db");
        IngestOptions options = new IngestOptions(null, false, threads, 100, group);
        AtomicInteger seen = new AtomicInteger();
        IngestListener failing = new IngestListener() {
            @Override
            public void reached(Point p) {
                if (p == point && seen.incrementAndGet() == nth) {
                    throw new InjectedFailure("injected failure at " + p);
                }
            }
        };
        if (stops) {
            assertThatThrownBy(() -> {
                        try (Workspace ws = Workspace.open(db)) {
                            new Ingestor(ws, options, failing).ingest(List.of(tmp.resolve("logs")));
                        }
                    })
                    .isInstanceOf(InjectedFailure.class);
        } else {
            try (Workspace ws = Workspace.open(db)) {
                IngestSummary s = new Ingestor(ws, options, failing).ingest(List.of(tmp.resolve("logs")));
                assertThat(s.filesLoaded()).isEqualTo(files.size());
            }
        }
        assertThat(seen.get()).as("the failure was injected").isGreaterThanOrEqualTo(nth);
        TestIngestDuplicates.assertConsistent(db);
        long before = IngestTesting.count(db, "SELECT count(*) FROM files");
        if (stops) {
            assertThat(before).as("files committed before the failure").isLessThan(files.size());
        } else {
            assertThat(before).isEqualTo(files.size());
        }
        IngestSummary rest = IngestTesting.ingestWith(db, options, List.of(tmp.resolve("logs")));
        assertThat(rest.filesLoaded()).isEqualTo(files.size() - before);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo(12L * 500);
        TestIngestDuplicates.assertConsistent(db);
    }
}
