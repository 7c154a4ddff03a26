package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun;
import dev.flowlens.cli.CliRun.Result;
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

    @Test
    void queryNestedAThousandDeepIsAShortUsageError() {
        Result r =
                run("query", "--db", db.toString(), "filter " + "(".repeat(1000) + "dstPort = 22" + ")".repeat(1000));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("expression nested more than 100 levels deep")
                .contains("line 1, column 108")
                .contains("[INVALID_QUERY]")
                .doesNotContain("StackOverflowError")
                .doesNotContain("internal error");
        assertThat(r.err().length()).isLessThan(500);
        assertThat(r.err().lines()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void searchNestedAThousandDeepIsAShortUsageError() {
        Result r = run(
                "search",
                "--db",
                db.toString(),
                "[..., status=OK && " + "(".repeat(1000) + "status=OK" + ")".repeat(1000) + "]");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("parentheses nested more than 64 deep")
                .contains("position 84")
                .contains("[INVALID_FILTER_PATTERN]")
                .doesNotContain("StackOverflowError")
                .doesNotContain("internal error");
        assertThat(r.err().length()).isLessThan(500);
        Result alternatives =
                run("search", "--db", db.toString(), "[..., action=A" + " || action=A".repeat(3000) + ", status]");
        assertThat(alternatives.code()).isEqualTo(2);
        assertThat(alternatives.err()).contains("more than 1000 comparisons").hasSizeLessThan(500);
    }

    /** At the limits the SQL stays within what DuckDB parses (its own expression depth limit is 1,000). */
    @Test
    void atTheLimitsQueriesAndPatternsRun() {
        String nested = "abs(tolower(".repeat(49) + "dstPort" + "))".repeat(49);
        Result q = run(
                "query",
                "--db",
                db.toString(),
                "-o",
                "csv",
                "filter " + "not ".repeat(98) + "dstPort = 22 | fields " + nested + " as n");
        assertThat(q.code()).as(q.err()).isEqualTo(0);
        assertThat(q.out().lines().toList()).containsExactly("n", "22.0"); // not 98 times: dstPort = 22
        StringBuilder alternatives = new StringBuilder("filter dstPort = 1");
        for (int i = 2; i <= 2000; i++) {
            alternatives.append(" or dstPort = ").append(i == 2000 ? 22 : i + 1000);
        }
        Result wide = run("query", "--db", db.toString(), "-o", "csv", alternatives + " | stats count(*) as n");
        assertThat(wide.code()).as(wide.err()).isEqualTo(0);
        assertThat(wide.out().lines().toList()).containsExactly("n", "1");
        Result s = run(
                "search",
                "--db",
                db.toString(),
                "-o",
                "csv",
                "--fields",
                "dstport",
                "[..., status=OK && " + "(".repeat(64) + "status=OK" + ")".repeat(64) + "]");
        assertThat(s.code()).as(s.err()).isEqualTo(0);
        assertThat(s.out().lines().toList()).containsExactly("dstport", "443", "22");
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i < 999; i++) {
            terms.append("?t").append(i).append(".x ");
        }
        Result t = run("search", "--db", db.toString(), "-o", "csv", "--fields", "dstport", terms + "?REJECT");
        assertThat(t.code()).as(t.err()).isEqualTo(0);
        assertThat(t.out().lines().toList()).containsExactly("dstport", "22");
    }
}
