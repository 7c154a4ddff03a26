package dev.flowlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun;
import dev.flowlens.cli.FlowlensCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries and patterns nested 1,000 deep: exit 2 with a short message that names the limit and
 * the place (no stack trace); at the limit they run, DuckDB included.
 */
class TestParserLimitsCli {
    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void load() throws Exception {
        db = CliRun.workspaceOf(
                dir,
                "2 123456789012 eni-1 10.0.0.1 10.0.0.2 40000 443 6 10 5000 1700000000 1700000060 ACCEPT OK",
                "2 123456789012 eni-1 10.0.0.3 10.0.0.2 40001 22 6 2 100 1700000010 1700000060 REJECT OK");
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FlowlensCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void queryNestedAThousandDeepIsAShortUsageError() {
        String[] r =
                run("query", "--db", db.toString(), "filter " + "(".repeat(1000) + "dstPort = 22" + ")".repeat(1000));
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2])
                .contains("expression nested more than 100 levels deep")
                .contains("line 1, column 108")
                .contains("[INVALID_QUERY]")
                .doesNotContain("StackOverflowError")
                .doesNotContain("internal error");
        assertThat(r[2].length()).isLessThan(500);
        assertThat(r[2].lines()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void searchNestedAThousandDeepIsAShortUsageError() {
        String[] r = run(
                "search",
                "--db",
                db.toString(),
                "[..., status=OK && " + "(".repeat(1000) + "status=OK" + ")".repeat(1000) + "]");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2])
                .contains("parentheses nested more than 64 deep")
                .contains("position 84")
                .contains("[INVALID_FILTER_PATTERN]")
                .doesNotContain("StackOverflowError")
                .doesNotContain("internal error");
        assertThat(r[2].length()).isLessThan(500);
        String[] alternatives =
                run("search", "--db", db.toString(), "[..., action=A" + " || action=A".repeat(3000) + ", status]");
        assertThat(alternatives[0]).isEqualTo("2");
        assertThat(alternatives[2]).contains("more than 1000 comparisons").hasSizeLessThan(500);
    }

    /** At the limits the SQL stays within what DuckDB parses (its own expression depth limit is 1,000). */
    @Test
    void atTheLimitsQueriesAndPatternsRun() {
        String nested = "abs(tolower(".repeat(49) + "dstPort" + "))".repeat(49);
        String[] q = run(
                "query",
                "--db",
                db.toString(),
                "-o",
                "csv",
                "filter " + "not ".repeat(98) + "dstPort = 22 | fields " + nested + " as n");
        assertThat(q[0]).as(q[2]).isEqualTo("0");
        assertThat(q[1].lines().toList()).containsExactly("n", "22.0"); // not 98 times: dstPort = 22
        StringBuilder alternatives = new StringBuilder("filter dstPort = 1");
        for (int i = 2; i <= 2000; i++) {
            alternatives.append(" or dstPort = ").append(i == 2000 ? 22 : i + 1000);
        }
        String[] wide = run("query", "--db", db.toString(), "-o", "csv", alternatives + " | stats count(*) as n");
        assertThat(wide[0]).as(wide[2]).isEqualTo("0");
        assertThat(wide[1].lines().toList()).containsExactly("n", "1");
        String[] s = run(
                "search",
                "--db",
                db.toString(),
                "-o",
                "csv",
                "--fields",
                "dstport",
                "[..., status=OK && " + "(".repeat(64) + "status=OK" + ")".repeat(64) + "]");
        assertThat(s[0]).as(s[2]).isEqualTo("0");
        assertThat(s[1].lines().toList()).containsExactly("dstport", "443", "22");
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i < 999; i++) {
            terms.append("?t").append(i).append(".x ");
        }
        String[] t = run("search", "--db", db.toString(), "-o", "csv", "--fields", "dstport", terms + "?REJECT");
        assertThat(t[0]).as(t[2]).isEqualTo("0");
        assertThat(t[1].lines().toList()).containsExactly("dstport", "22");
    }
}
