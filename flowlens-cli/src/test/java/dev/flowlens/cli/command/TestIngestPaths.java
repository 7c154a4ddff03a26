package dev.flowlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest follows symbolic links to folders, survives link cycles and reports broken links by path. */
class TestIngestPaths {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final String RECORD =
            "2 123456789010 eni-0a 10.0.1.5 10.0.2.9 40000 5432 6 3 180 1714521600 1714521660 ACCEPT OK";

    @TempDir
    Path dir;

    private int code;
    private String out;

    private void run(String... args) {
        CliRun.Result r = CliRun.run(args);
        code = r.code();
        out = r.out();
    }

    @Test
    void linkedFolderCycleAndBrokenLink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real/sub"));
        Files.writeString(real.resolve("b.log"), HEADER + "\n" + RECORD + "\n");
        Files.writeString(dir.resolve("real/a.log"), HEADER + "\n" + RECORD.replace("40000", "40001") + "\n");
        Files.createSymbolicLink(real.resolve("loop"), dir.resolve("real"));
        Path broken = Files.createSymbolicLink(dir.resolve("real/gone.log"), dir.resolve("nowhere.log"));
        Path link = Files.createSymbolicLink(dir.resolve("logs"), dir.resolve("real"));

        run("ingest", "--db", dir.resolve("w.db").toString(), "--output", "json", link.toString());
        JsonNode j = new ObjectMapper().readTree(out);
        assertThat(code).isEqualTo(1);
        assertThat(j.get("files_loaded").asInt()).isEqualTo(2);
        assertThat(j.get("records").asLong()).isEqualTo(2);
        assertThat(j.get("files_failed").asInt()).isEqualTo(2);
        assertThat(j.get("failures").toString())
                .contains("gone.log")
                .contains("broken symbolic link")
                .contains("nowhere.log")
                .contains("loop")
                .contains("cycle");
        assertThat(broken).isSymbolicLink();
    }
}
