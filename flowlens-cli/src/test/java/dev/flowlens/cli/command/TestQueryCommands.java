package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.cli.CliWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Black-box tests of query, sql and report through the command line, on a small workspace. */
class TestQueryCommands {
    @RegisterExtension
    static final CliWorkspace WS = CliWorkspace.of(
            CliWorkspace.HTTPS_ACCEPTED,
            CliWorkspace.SSH_REJECTED,
            "2 123456789012 eni-1 10.0.0.1 10.0.0.2 40002 443 6 5 2500 1700000020 1700000060 ACCEPT OK");

    @Test
    void queryPrintsCsv() {
        Result r = run("query", "--db", WS.db(), "-o", "csv", "stats sum(bytes) as b by srcAddr | sort b desc");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).isEqualTo("srcAddr,b\n10.0.0.1,7500\n10.0.0.3,100\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void queryErrorsAreUsageErrorsWithACaret() {
        Result r = run("query", "--db", WS.db(), "filter dstport = 443 | stats sun(bytes)");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("unknown function 'sun'; did you mean 'sum'?")
                .contains("column 30")
                .contains("^");
    }

    @Test
    void sqlRunsAndRefusesWrites() {
        Result ok =
                run("sql", "--db", WS.db(), "-o", "json", "SELECT count(*) AS n FROM flows WHERE action = 'REJECT'");
        assertThat(ok.code()).isEqualTo(0);
        assertThat(ok.out()).contains("\"n\" : 1");
        Result refused = run("sql", "--db", WS.db(), "DELETE FROM flows");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("SQL_REFUSED");
    }

    @Test
    void reportListAndRun() {
        assertThat(run("report", "--list").out())
                .contains("top-talkers")
                .contains("port-scans")
                .contains("cross-az-traffic");
        Result r = run("report", "--db", WS.db(), "-o", "csv", "top-talkers");
        assertThat(r.out()).startsWith("srcaddr,bytes,packets,records").contains("10.0.0.1,7500,15,2");
        Result missing = run("report", "--db", WS.db(), "cross-az-traffic");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("az-id").contains("MISSING_FIELDS");
    }
}
