package dev.flowlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun;
import dev.flowlens.cli.CliWorkspace;
import dev.flowlens.cli.FlowlensCli;
import dev.flowlens.core.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * sql and query under limits through the command line: --timeout cancels a query that cannot
 * finish with a QUERY_CANCELLED failure, bad limits are usage errors, and SIGTERM during a query
 * stops it with a short message and exit code 143.
 */
class TestQueryCancel {
    private static final String NEVER_ENDS =
            "SELECT sum(a.range * b.range) AS s FROM range(1000000) a, range(1000000) b";

    @RegisterExtension
    static final CliWorkspace WS = CliWorkspace.of(CliWorkspace.HTTPS_ACCEPTED);

    @Test
    void sqlTimeoutCancelsWithAClearFailure() {
        CliRun.Result r = CliRun.run("sql", "--db", WS.db(), "--timeout", "1", NEVER_ENDS);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo(
                        "flowlens: query cancelled after 1 s (--timeout): narrow it, or raise --timeout (0 = no limit) [QUERY_CANCELLED]"
                                + System.lineSeparator());
    }

    @Test
    void queryRunsUnderItsLimits() {
        CliRun.Result r = CliRun.run(
                "query", "--db", WS.db(), "--timeout", "0", "--memory-limit", "256MB", "stats count(*) as n");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("1");
    }

    @Test
    void badLimitsAreUsageErrors() {
        CliRun.Result size = CliRun.run("sql", "--db", WS.db(), "--memory-limit", "lots", "SELECT 1");
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.err()).contains("--memory-limit lots is not a size").contains("[INVALID_ARGUMENT]");
        CliRun.Result timeout = CliRun.run("query", "--db", WS.db(), "--timeout", "-5", "stats count(*)");
        assertThat(timeout.code()).isEqualTo(2);
        assertThat(timeout.err()).contains("--timeout -5");
    }

    @Test
    void sigtermDuringAQueryStopsItWithAShortMessage() throws Exception {
        Process p = ChildJvm.of(
                        WS.dir(),
                        "256m",
                        FlowlensCli.class,
                        "sql",
                        "--db",
                        WS.db(),
                        "--timeout",
                        "0",
                        "-o",
                        "csv",
                        "--max-rows",
                        "2000000000",
                        "SELECT a.range AS x, b.range AS y FROM range(1000000) a, range(1000000) b")
                .redirectError(WS.dir().resolve("err.txt").toFile())
                .start();
        Thread drain;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("x,y");
            assertThat(out.readLine()).matches("\\d+,\\d+"); // rows are streaming: the query runs
            drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe open and empty until the child ends
                    }
                } catch (java.io.IOException ignored) {
                    // the child ended
                }
            });
            drain.start();
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            drain.join();
        }
        String err = Files.readString(WS.dir().resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(143);
        assertThat(err)
                .isEqualTo("flowlens: query cancelled: Flowlens was stopped (Ctrl-C or SIGTERM) [QUERY_CANCELLED]"
                        + System.lineSeparator());
    }
}
