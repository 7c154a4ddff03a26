package dev.flowlens.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowlens.core.filter.FilterPatternException;
import dev.flowlens.core.filter.FilterPatternParser;
import dev.flowlens.core.insights.InsightsParser;
import dev.flowlens.core.time.InvalidTimeException;
import dev.flowlens.core.time.TimeParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestParsingException {
    @Test
    void locationCountsLinesAndColumnsFromOne() {
        assertThat(SourceLocation.of("abc", 0)).isEqualTo(new SourceLocation(1, 1, 0));
        assertThat(SourceLocation.of("ab\ncd\nef", 7)).isEqualTo(new SourceLocation(3, 2, 7));
        assertThat(SourceLocation.of("ab\ncd", 3)).isEqualTo(new SourceLocation(2, 1, 3));
        assertThat(SourceLocation.of("ab", 99)).isEqualTo(new SourceLocation(1, 3, 2));
        assertThat(SourceLocation.of("ab", -5)).isEqualTo(new SourceLocation(1, 1, 0));
        assertThat(SourceLocation.of(null, 3)).isEqualTo(new SourceLocation(1, 1, 0));
        assertThat(SourceLocation.of("a\nb", 2)).hasToString("line 2, column 1");
    }

    @Test
    void theMessageIsFormattedFromTheFields() {
        ParsingException e =
                new ParsingException(ErrorCode.INVALID_QUERY, "fields a\n| filter\tx >", 18, "expected a value");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY);
        assertThat(e.problem()).isEqualTo("expected a value");
        assertThat(e.location()).isEqualTo(new SourceLocation(2, 10, 18));
        assertThat(e.getMessage()).isEqualTo("expected a value at line 2, column 10\n  | filter x >\n           ^");
        assertThat(e.pointer("", "\n")).isEqualTo("| filter x >\n         ^");
    }

    @Test
    void aLongLineIsCutAroundThePlace() {
        String text = "a".repeat(200) + "!" + "b".repeat(200);
        ParsingException e = new ParsingException(ErrorCode.INVALID_QUERY, text, 200, "unexpected character '!'");
        String[] lines = e.pointer("", "\n").split("\n");
        assertThat(lines[0]).isEqualTo("..." + "a".repeat(60) + "!" + "b".repeat(59) + "...");
        assertThat(lines[1]).isEqualTo(" ".repeat(63) + "^");
    }

    @Test
    void theThreeParsersThrowTheSameTypeWithTheirPlace() {
        ParsingException query =
                catchThrowableOfType(ParsingException.class, () -> InsightsParser.parse("fields a\n| filter b >"));
        assertThat(query.location()).isEqualTo(new SourceLocation(2, 13, 21));

        FilterPatternException filter =
                catchThrowableOfType(FilterPatternException.class, () -> FilterPatternParser.parse("[a, , b]"));
        assertThat(filter.location()).isEqualTo(new SourceLocation(1, 5, 4));
        assertThat(filter.position()).isEqualTo(4);

        TimeParser times = new TimeParser(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        InvalidTimeException time =
                catchThrowableOfType(InvalidTimeException.class, () -> times.parseEpochSeconds("  -2x", "--from"));
        assertThat(time.location().offset()).as("the unit letter").isEqualTo(4);
        assertThat(time.option()).isEqualTo("--from");
        assertThat(time.code()).isEqualTo(ErrorCode.INVALID_TIME);
        assertThat(time.pointer("", "\n")).isEqualTo("  -2x\n    ^");
    }
}
