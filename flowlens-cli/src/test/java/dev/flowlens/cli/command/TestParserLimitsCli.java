package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.cli.CliWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queries and patterns nested 1,000 deep: exit 2 with a short message that names the limit and
 * the place (no stack trace); at the limit they run, DuckDB included.
 */
class TestParserLimitsCli {
    @RegisterExtension
    static final CliWorkspace WS = CliWorkspace.of(CliWorkspace.HTTPS_ACCEPTED, CliWorkspace.SSH_REJECTED);

    @Test
    void queryNestedAThousandDeepIsAShortUsageError() {
        Result r = run("query", "--db", WS.db(), "filter " + "(".repeat(1000) + "dstPort = 22" + ")".repeat(1000));
        assertShortUsageError(
                r, "expression nested more than 100 levels deep", "line 1, column 108", "[INVALID_QUERY]");
        assertThat(r.err().lines()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void searchNestedAThousandDeepIsAShortUsageError() {
        Result r = run(
                "search",
                "--db",
                WS.db(),
                "[..., status=OK && " + "(".repeat(1000) + "status=OK" + ")".repeat(1000) + "]");
        assertShortUsageError(r, "parentheses nested more than 64 deep", "position 84", "[INVALID_FILTER_PATTERN]");
        Result alternatives =
                run("search", "--db", WS.db(), "[..., action=A" + " || action=A".repeat(3000) + ", status]");
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
                WS.db(),
                "-o",
                "csv",
                "filter " + "not ".repeat(98) + "dstPort = 22 | fields " + nested + " as n");
        assertThat(q.code()).as(q.err()).isEqualTo(0);
        assertThat(q.out().lines().toList()).containsExactly("n", "22.0"); // not 98 times: dstPort = 22
        StringBuilder alternatives = new StringBuilder("filter dstPort = 1");
        for (int i = 2; i <= 2000; i++) {
            alternatives.append(" or dstPort = ").append(i == 2000 ? 22 : i + 1000);
        }
        Result wide = run("query", "--db", WS.db(), "-o", "csv", alternatives + " | stats count(*) as n");
        assertThat(wide.code()).as(wide.err()).isEqualTo(0);
        assertThat(wide.out().lines().toList()).containsExactly("n", "1");
        Result s = run(
                "search",
                "--db",
                WS.db(),
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
        Result t = run("search", "--db", WS.db(), "-o", "csv", "--fields", "dstport", terms + "?REJECT");
        assertThat(t.code()).as(t.err()).isEqualTo(0);
        assertThat(t.out().lines().toList()).containsExactly("dstport", "22");
    }

    /** Exit code 2 and a message of a few hundred characters at most, holding {@code expected}, not a stack overflow. */
    private static void assertShortUsageError(Result r, String... expected) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains(expected)
                .doesNotContain("StackOverflowError")
                .doesNotContain("internal error")
                .hasSizeLessThan(500);
    }
}
