package dev.flowlens.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.filter.FilterPattern.TermKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestFilterPatternParser {

    @Test
    void readsTerms() {
        FilterPattern p = FilterPatternParser.parse("  ACCEPT ?22 -\"10.0.0.5 \" ?\"a\\\"b\" ");
        assertThat(p).isInstanceOf(FilterPattern.Terms.class);
        var terms = ((FilterPattern.Terms) p).terms();
        assertThat(terms)
                .extracting(FilterPattern.Term::kind)
                .containsExactly(TermKind.REQUIRED, TermKind.ANY_OF, TermKind.EXCLUDED, TermKind.ANY_OF);
        assertThat(terms).extracting(FilterPattern.Term::text).containsExactly("ACCEPT", "22", "10.0.0.5 ", "a\"b");
        assertThat(terms.get(2).position()).isEqualTo(13);
    }

    @Test
    void readsTheDelimitedForm() {
        FilterPattern.Delimited d = (FilterPattern.Delimited)
                FilterPatternParser.parse("[a, b = 4* || (b=5* && c > 10), ..., c, d!=\"x y\"]");
        assertThat(d.leading()).containsExactly("a", "b");
        assertThat(d.trailing()).containsExactly("c", "d");
        assertThat(d.ellipsis()).isTrue();
        assertThat(d.conditions()).hasSize(2);
        assertThat(d.position("c", 10)).isEqualTo(8);
        assertThat(d.position("b", 10)).isEqualTo(1);
        assertThat(FilterPatternParser.parse("   ")).isInstanceOf(FilterPattern.MatchAll.class);
    }

    @ParameterizedTest(name = "{0} -> position {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"10.0.0.5                 | 0  | never closed",
                "ACCEPT -                   | 7  | must be followed by a term",
                "ab\"c                      | 2  | quote inside a term",
                "[a, b                      | 0  | never closed",
                "[a b]                      | 3  | expected a comparison",
                "[]                         | 1  | name at least one field",
                "[a, , b]                   | 4  | expected a field name",
                "[a=1, a]                   | 6  | named twice",
                "[a, ..., b, ...]           | 12 | only one '...'",
                "[a > x]                    | 5  | compares numbers",
                "[a = ]                     | 5  | expected a value",
                "[a ~ 1]                    | 3  | expected a comparison",
                "[a=1 && z=2]               | 8  | not named in the brackets",
                "[a] x                      | 4  | nothing may follow",
                "{ $.x = 1 }                | 0  | JSON filter patterns",
                "%ab%                       | 0  | regular expression",
            })
    void errorsCarryThePosition(String pattern, int position, String message) {
        String p = pattern.strip();
        assertThatThrownBy(() -> FilterPatternParser.parse(p))
                .isInstanceOfSatisfying(FilterPatternException.class, e -> {
                    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
                    assertThat(e.getMessage()).contains(message).contains("position " + (position + 1));
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER_PATTERN);
                    assertThat(e.pointer()).isEqualTo(p + System.lineSeparator() + " ".repeat(position) + "^");
                });
    }
}
