package dev.flowlens.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Huge or very long times are usage errors with a short message, never a NumberFormatException or an overflow. */
class TestTimeParserLimits {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final TimeParser p = new TimeParser(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void relativeTimesOfMoreThanElevenDigitsAreUsageErrors() {
        for (String t : new String[] {"-99999999999999999999h", "9999999999999999999w", "-100000000000d"}) {
            FlowlensException e = catchThrowableOfType(FlowlensException.class, () -> p.parseEpochSeconds(t, "--from"));
            assertThat(e).as(t).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TIME);
        }
        assertThat(p.parseEpochSeconds("-99999999999w", "--from"))
                .isEqualTo(NOW.getEpochSecond() - 99_999_999_999L * 7 * 86_400);
    }

    @Test
    void aLongTextIsCutInTheMessage() {
        FlowlensException e =
                catchThrowableOfType(FlowlensException.class, () -> p.parseEpochSeconds("x".repeat(100_000), "--to"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TIME);
        assertThat(e.getMessage()).contains("'" + "x".repeat(40) + "...'").hasSizeLessThan(300);
    }
}
