package dev.flowlens.store.ingest;

import static dev.flowlens.store.ingest.IngestTesting.ingestWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk during ingest: the workspace lives on a small tmpfs. The run stops with a message that
 * says the disk is full, the workspace check passes, and once there is room again the same ingest
 * loads exactly what is missing. Needs permission to mount a tmpfs (root, as in CI); elsewhere it
 * is skipped with the reason, and {@link TestIngestInjectedFaults} covers the same rollback path.
 */
class TestIngestDiskFull {
    @TempDir
    Path tmp;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", "-l", mounted.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void aFullDiskStopsWithAClearMessageAndTheRerunLoadsExactlyTheRest() throws Exception {
        Path small = Files.createDirectories(tmp.resolve("small"));
        int rc;
        try {
            rc = run("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", small.toString());
        } catch (IOException e) {
            rc = -1;
        }
        assumeThat(rc)
                .as("mounting a tmpfs needs root; the injected failure test covers the rollback")
                .isZero();
        mounted = small;
        List<Path> files = TestIngestDuplicates.writeFiles(tmp.resolve("logs"), 40, 20_000);
        Path db = small.resolve("ws.db");
        IngestOptions options = new IngestOptions(null, false, 2, 2048, 40_000);
        assertThatThrownBy(() -> ingestWith(db, options, List.of(tmp.resolve("logs"))))
                .isInstanceOfSatisfying(FlowlensException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL);
                    assertThat(e.getMessage()).contains("disk holding the workspace is full");
                });
        assertThat(run("mount", "-o", "remount,size=400m", small.toString())).isZero();
        TestIngestDuplicates.assertConsistent(db);
        long before = IngestTesting.count(db, "SELECT count(*) FROM files");
        assertThat(before).isLessThan(files.size());
        IngestSummary rest = ingestWith(db, options, List.of(tmp.resolve("logs")));
        assertThat(rest.filesLoaded()).isEqualTo(files.size() - before);
        assertThat(rest.filesFailed()).isZero();
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo(40L * 20_000);
        TestIngestDuplicates.assertConsistent(db);
    }
}
