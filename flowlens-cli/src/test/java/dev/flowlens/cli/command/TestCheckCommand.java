package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens check}: passes on a loaded workspace, lists what a damaged one breaks, and {@code --repair} mends it. */
class TestCheckCommand {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    @TempDir
    Path dir;

    private static String record(int i) {
        return "2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0." + i + " 172.31.0.9 " + (30000 + i)
                + " 443 6 10 840 1714521600 1714521660 ACCEPT OK";
    }

    @Test
    void checkFindsOrphansAndWrongCountsAndRepairMendsThem() throws Exception {
        Files.writeString(dir.resolve("a.log"), HEADER + "\n" + record(1) + "\n" + record(2) + "\nnot a record\n");
        Files.writeString(dir.resolve("b.log"), HEADER + "\n" + record(3) + "\n" + record(4) + "\n" + record(5) + "\n");
        String db = dir.resolve("w.db").toString();
        assertThat(run(
                                "ingest",
                                "--db",
                                db,
                                dir.resolve("a.log").toString(),
                                dir.resolve("b.log").toString())
                        .code())
                .isZero();

        Result ok = run("check", "--db", db);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("consistent");

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            // rows of a file that is not in the catalog, and a file whose catalog count is wrong
            st.execute("INSERT INTO flow_records (file_id, line) VALUES (9999, 2), (9999, 3)");
            st.execute("INSERT INTO bad_lines (file_id, path, line, reason) VALUES (9999, '/gone.log', 5, 'x')");
            st.execute("UPDATE files SET records = 7 WHERE ends_with(path, '/b.log')");
        }
        Result bad = run("check", "--db", db, "-o", "json");
        assertThat(bad.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(bad.out());
        assertThat(json.get("consistent").asBoolean()).isFalse();
        assertThat(json.get("problems").findValuesAsText("problem"))
                .containsExactlyInAnyOrder("ORPHAN_RECORDS", "ORPHAN_BAD_LINES", "RECORD_COUNT_MISMATCH");
        Result table = run("check", "--db", db);
        assertThat(table.code()).isEqualTo(1);
        assertThat(table.out()).contains("3 problems", "ORPHAN_RECORDS", "b.log", "flowlens check --repair");

        Result repaired = run("check", "--db", db, "--repair");
        assertThat(repaired.code()).as(repaired.out() + repaired.err()).isZero();
        assertThat(repaired.out()).contains("removed 5 records, 1 bad lines and 1 files", "now consistent");
        assertThat(run("check", "--db", db).code()).isZero();

        // the repaired file loads again
        Result again = run(
                "ingest",
                "--db",
                db,
                "--output",
                "json",
                dir.resolve("a.log").toString(),
                dir.resolve("b.log").toString());
        assertThat(new ObjectMapper().readTree(again.out()).get("files_loaded").asInt())
                .isEqualTo(1);
        assertThat(run("check", "--db", db).code()).isZero();
    }
}
