package dev.flowlens.store.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.FilterPatternParser;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.filter.MessageMatcher;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.sql.SqlFragment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patterns with many {@code ?} and {@code -} terms: one regular expression per field whose SQL does
 * not grow with the number of terms, and which finds exactly what the reference matcher finds.
 */
class TestSearchManyTerms {
    private static final String ALPHABET = "ab1.0-:\\+*?()|[]{}^$/# \t\nxé";

    @TempDir
    Path dir;

    /** The literal regular expression matches exactly where contains() does, whatever characters the text has. */
    @Test
    void literalRegexMatchesLikeContains() throws Exception {
        Random random = new Random(20261201L);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement ps = c.prepareStatement("SELECT regexp_matches(?, ?), contains(?, ?)")) {
            for (int n = 0; n < 2000; n++) {
                String text = randomText(random, 1 + random.nextInt(12));
                String needle = random.nextInt(3) == 0 && text.length() > 1
                        ? text.substring(random.nextInt(text.length() - 1))
                        : randomText(random, 1 + random.nextInt(3));
                ps.setString(1, text);
                ps.setString(2, PredicateSql.literalRegex(needle) + "|" + PredicateSql.literalRegex("zz\u0000"));
                ps.setString(3, text);
                ps.setString(4, needle);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1))
                            .as("'%s' in '%s'", needle, text)
                            .isEqualTo(rs.getBoolean(2));
                }
            }
        }
    }

    @Test
    void manyTermsFindWhatTheReferenceFindsWithSqlThatDoesNotGrow() throws Exception {
        try (Workspace ws = SearchFixture.workspace(
                dir,
                "2 123456789010 eni-1235b8ca123456789 10.0.0.5 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "2 123456789010 eni-1235b8ca123456789 10.0.0.52 172.31.16.21 20642 22 6 20 4249 1418530011 1418530071 REJECT OK",
                "2 123456789010 eni-1a2b3c4d - - - - - - - 1431280876 1431280934 - NODATA",
                "2 123456789010 eni-f41c42bf 2001:db8::5 2001:db8::6 34892 443 17 54 8855 1477913708 1477913820 ACCEPT OK")) {
            FlowSearch search = new FlowSearch(ws.connection());
            List<FlowRow> all =
                    search.search(new SearchRequest(FlowFilter.ANY, null, 100)).rows();
            assertThat(all).hasSize(6);
            Random random = new Random(7L);
            String[] pieces = {
                "10.0.0.5",
                "0.5",
                "10.0.0.52",
                "2001:db8::",
                "eni-99",
                "eni-1",
                "REJECT",
                "443",
                "2",
                "6",
                "-",
                "NODATA",
                "egress",
                "1.1",
                "zz",
                "a.b",
                "(x)",
                "1418530",
                "^2",
                "5$",
                "[0]"
            };
            int found = 0;
            for (int q = 0; q < 60; q++) {
                StringBuilder b = new StringBuilder();
                int n = 1 + random.nextInt(q < 50 ? 6 : 1000);
                for (int i = 0; i < n; i++) {
                    b.append(random.nextInt(4) == 0 ? "-" : "?")
                            .append('"')
                            .append(pieces[random.nextInt(pieces.length)])
                            .append("\" ");
                }
                FilterPattern pattern = FilterPatternParser.parse(b.toString());
                List<String> expected = new ArrayList<>();
                for (FlowRow r : all) {
                    if (MessageMatcher.matches(pattern, r.message())) {
                        expected.add(r.path() + ":" + r.line());
                    }
                }
                List<String> actual = search.search(new SearchRequest(FlowFilter.ANY, pattern, 100)).rows().stream()
                        .map(r -> r.path() + ":" + r.line())
                        .toList();
                assertThat(actual).as(b.toString()).containsExactlyElementsOf(expected);
                found += expected.size();
            }
            assertThat(found).isGreaterThan(30);

            // the SQL is the same for 250 and 1,000 terms; only the parameters' text grows, linearly
            SqlFragment previous = null;
            for (int n = 125; n <= 500; n *= 2) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    b.append("?t").append(i).append(".x -u").append(i).append(' ');
                }
                SqlFragment where =
                        search.where(new SearchRequest(FlowFilter.ANY, FilterPatternParser.parse(b.toString()), 10));
                if (previous != null) {
                    assertThat(where.sql()).isEqualTo(previous.sql());
                    assertThat(where.params()).hasSameSizeAs(previous.params());
                    assertThat((double) chars(where.params()) / chars(previous.params()))
                            .isBetween(1.9, 2.2);
                }
                previous = where;
            }
        }
    }

    private static int chars(List<Object> params) {
        return params.stream().mapToInt(p -> p.toString().length()).sum();
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
