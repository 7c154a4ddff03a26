package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two commands on one workspace: while an ingest holds it (a child JVM stopped between two commits),
 * a second ingest is refused with WORKSPACE_BUSY naming the holder, and changes nothing; once the
 * first is killed, the second loads exactly what is missing and the workspace check passes.
 */
class TestIngestConcurrent {
    @TempDir
    Path tmp;

    @Test
    void aSecondIngestIsRefusedWhileTheFirstHoldsTheWorkspaceThenResumes() throws Exception {
        List<Path> files = TestIngestDuplicates.writeFiles(tmp.resolve("logs"), 8, 500);
        Path db = tmp.resolve("ws.db");
        Process first = ChildJvm.of(
                        tmp,
                        "256m",
                        IngestChild.class,
                        db.toString(),
                        "1",
                        "1000",
                        "COMMITTED",
                        "2",
                        "pause",
                        tmp.resolve("logs").toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("at COMMITTED 2")) {
                // wait until the first ingest holds the workspace between two commits
            }
            assertThat(line).as("the first ingest reached its second commit").isEqualTo("at COMMITTED 2");
            assertThatThrownBy(() -> IngestTesting.ingestWith(
                            db, new IngestOptions(null, false, 2, 64), List.of(tmp.resolve("logs"))))
                    .isInstanceOfSatisfying(FlowlensException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE_BUSY);
                        assertThat(e.getMessage()).contains(String.valueOf(first.pid()));
                    });
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM files")).isEqualTo(4);
        TestIngestDuplicates.assertConsistent(db);
        IngestSummary rest =
                IngestTesting.ingestWith(db, new IngestOptions(null, false, 2, 64), List.of(tmp.resolve("logs")));
        assertThat(rest.filesLoaded()).isEqualTo(files.size() - 4);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo(8L * 500);
        TestIngestDuplicates.assertConsistent(db);
    }
}
