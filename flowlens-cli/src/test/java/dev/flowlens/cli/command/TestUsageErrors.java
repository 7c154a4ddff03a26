package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad option values are usage errors: exit code 2, a message naming the option and the value, and
 * a usage error code, never an internal error or an empty result.
 */
class TestUsageErrors {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    @TempDir
    Path dir;

    private String db;

    @BeforeEach
    void workspace() throws IOException {
        db = dir.resolve("w.db").toString();
        Path log = Files.writeString(
                dir.resolve("a.log"),
                HEADER + "\n"
                        + "2 123456789010 eni-0a 10.0.1.5 10.0.2.9 40000 5432 6 3 180 1714521600 1714521660 ACCEPT OK\n"
                        + "2 123456789010 eni-0a 10.0.2.9 10.0.1.5 5432 40000 6 3 180 1714521600 1714521660 ACCEPT OK\n");
        assertThat(run("ingest", "--db", db, "--quiet", log.toString()).code()).isZero();
    }

    private void assertUsage(Result r, String code, String... mentions) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("internal error").contains("[" + code + "]");
        for (String m : mentions) {
            assertThat(r.err()).contains(m);
        }
    }

    @Test
    void aNegativeWaitIsRefusedByCommandsThatOpenTheWorkspace() {
        assertUsage(run("search", "--db", db, "--wait", "-1"), "INVALID_ARGUMENT", "--wait must be 0 or more (got -1)");
        assertUsage(
                run("ingest", "--db", db, "--wait", "-5", dir.resolve("a.log").toString()),
                "INVALID_ARGUMENT",
                "--wait must be 0 or more (got -5)");
        assertThat(run("info", "--db", db, "--wait", "0").code()).isZero();
    }

    @Test
    void cloudWatchRangesAreRefusedBeforeAnythingIsAsked() {
        // no AWS endpoint here: the values are checked before the command runs
        String group = "cloudwatch:/vpc/flow-logs";
        assertUsage(
                run("ingest", "--db", db, "--page-size", "0", group),
                "INVALID_ARGUMENT",
                "--page-size must be 1-10000");
        assertUsage(
                run("ingest", "--db", db, "--rate-limit", "-1", group),
                "INVALID_ARGUMENT",
                "--rate-limit must be 0 (no limit) or more");
        assertUsage(
                run("ingest", "--db", db, "--prefetch", "-1", group),
                "INVALID_ARGUMENT",
                "--prefetch must be 0 or more");
    }

    @Test
    void ingestThreadsMustBePositive() {
        for (String n : new String[] {"0", "-3"}) {
            assertUsage(
                    run(
                            "ingest",
                            "--db",
                            db,
                            "--threads",
                            n,
                            dir.resolve("a.log").toString()),
                    "INVALID_ARGUMENT",
                    "--threads must be at least 1 (got " + n + ")");
        }
    }

    @Test
    void everyLimitMustBePositive() {
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"bad-lines"});
        commands.add(new String[] {"streams"});
        commands.add(new String[] {"search"});
        commands.add(new String[] {"conversations"});
        commands.add(new String[] {"report", "top-talkers"});
        for (String[] c : commands) {
            for (String n : new String[] {"0", "-1"}) {
                List<String> args = new ArrayList<>(List.of(c));
                args.addAll(List.of("--db", db, "--limit", n));
                assertUsage(
                        run(args.toArray(String[]::new)),
                        "INVALID_ARGUMENT",
                        "--limit must be at least 1 (got " + n + ")");
            }
        }
        assertUsage(
                run("report", "port-scans", "--db", db, "--threshold", "0"),
                "INVALID_ARGUMENT",
                "--threshold must be at least 1 (got 0)");
        assertUsage(
                run("sql", "--db", db, "--max-rows", "-1", "SELECT 1"),
                "INVALID_ARGUMENT",
                "--max-rows must be at least 1 (got -1)");
    }

    @Test
    void fromAfterToIsRefusedByEveryCommandWithATimeWindow() {
        String from = "2024-05-02T00:00:00Z";
        String to = "2024-05-01T00:00:00Z";
        List<List<String>> commands = List.of(
                List.of("query", "fields @timestamp"),
                List.of("report", "top-talkers"),
                List.of("search"),
                List.of("conversations"),
                List.of("diagnose", "--dst", "10.0.2.9"));
        for (List<String> c : commands) {
            List<String> args = new ArrayList<>(c);
            args.addAll(List.of("--db", db, "--from", from, "--to", to));
            assertUsage(run(args.toArray(String[]::new)), "INVALID_TIME", "--from " + from, "--to " + to);
        }
    }

    @Test
    void reportAddressMustBeAnAddress() {
        assertUsage(
                run("report", "traffic-from-source", "--db", db, "--address", "nope"),
                "INVALID_ADDRESS",
                "--address",
                "'nope'");
        assertUsage(
                run("report", "traffic-to-destination", "--db", db, "--address", "10.0.0.0/8"),
                "INVALID_ADDRESS",
                "10.0.0.0/8");
        Result ok = run("report", "traffic-from-source", "--db", db, "--address", "10.0.1.5", "--output", "csv");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("10.0.2.9");
    }

    /** The first line of stderr: the message, without the command's own help hint. */
    private static String message(Result r) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        return r.err().lines().findFirst().orElseThrow();
    }

    @Test
    void aBadValueReadsTheSameInEveryCommand() {
        String port = message(run("search", "--db", db, "--port", "http"));
        assertThat(port)
                .isEqualTo("flowlens: Invalid value for option '--port': cannot read port 'http': use a number 0-65535"
                        + " [INVALID_PORT]");
        assertThat(message(run("diagnose", "--db", db, "--dst", "10.0.2.9", "--port", "http")))
                .isEqualTo(port);
        assertThat(message(run("serve", "--db", db, "--port", "http"))).isEqualTo(port);
        String time = message(run("query", "--db", db, "--from", "yesterday", "fields @timestamp"));
        assertThat(time).startsWith("flowlens: Invalid value for option '--from': cannot read time 'yesterday'");
        assertThat(time).endsWith("[INVALID_TIME]");
        for (List<String> c : List.of(
                List.of("report", "top-talkers"),
                List.of("conversations"),
                List.of("export", "--lake", dir.resolve("lake").toString()),
                List.of("diagnose", "--dst", "10.0.2.9"))) {
            List<String> args = new ArrayList<>(c);
            args.addAll(List.of("--db", db, "--from", "yesterday"));
            assertThat(message(run(args.toArray(String[]::new))))
                    .as(c.toString())
                    .isEqualTo(time);
        }
        String block = message(run("search", "--db", db, "--dst", "10.0.0.0/40"));
        assertThat(block)
                .startsWith("flowlens: Invalid value for option '--dst': ")
                .endsWith("[INVALID_ADDRESS]");
        assertThat(message(run("diagnose", "--db", db, "--dst", "10.0.0.0/40"))).isEqualTo(block);
        assertThat(message(run("report", "traffic-from-source", "--db", db, "--address", "10.0.0.0/8")))
                .isEqualTo("flowlens: Invalid value for option '--address': '10.0.0.0/8' is a block of addresses:"
                        + " give one address such as 10.0.1.5 [INVALID_ADDRESS]");
    }

    @Test
    void microAndNanosecondTimesAreConverted() {
        for (String from : new String[] {"1714521600", "1714521600000", "1714521600000000", "1714521600000000000"}) {
            Result r = run("search", "--db", db, "--from", from, "--to", "2024-05-01T00:01:00Z", "--output", "csv");
            assertThat(r.code()).as(from + r.err()).isZero();
            assertThat(r.out().lines().count()).as(from).isEqualTo(3); // header and both records
        }
        assertUsage(
                run("search", "--db", db, "--from", "17145216000000000000"),
                "INVALID_TIME",
                "--from",
                "17145216000000000000");
    }

    @Test
    void aHeaderNamingAFieldTwiceIsALocatedBadLine() throws IOException {
        Path log = Files.writeString(
                dir.resolve("dup.log"),
                HEADER.replace("dstaddr", "SrcAddr") + "\n"
                        + "2 123456789010 eni-0b 10.0.1.6 10.0.2.9 40000 5432 6 3 180 1714521600 1714521660 ACCEPT OK\n");
        Result r = run("ingest", "--db", db, "--quiet", log.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Result bad = run("bad-lines", "--db", db, "--output", "csv", "dup.log");
        assertThat(bad.out())
                .contains("dup.log,1,")
                .contains("'srcaddr' and 'SrcAddr' name the same field (fields 4 and 5)")
                .contains("dup.log,2,")
                .contains("under the header of line 1");
        assertUsage(
                run("ingest", "--db", db, "--format", "srcaddr dstaddr srcaddr", log.toString()),
                "INVALID_FORMAT",
                "'srcaddr' appears twice");
    }
}
