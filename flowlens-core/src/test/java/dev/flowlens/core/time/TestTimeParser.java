package dev.flowlens.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestTimeParser {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final TimeParser p = new TimeParser(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void isoForms() {
        assertThat(p.parseEpochSeconds("2026-11-27T10:00:00Z", "--from")).isEqualTo(1_795_773_600L);
        assertThat(p.parseEpochSeconds("2026-11-27T11:00:00+01:00", "--from")).isEqualTo(1_795_773_600L);
        assertThat(p.parseEpochSeconds("2026-11-27T10:00", "--from")).isEqualTo(1_795_773_600L);
        assertThat(p.parseEpochSeconds("2026-11-27", "--from")).isEqualTo(1_795_737_600L);
    }

    @Test
    void epochSecondsAndMilliseconds() {
        assertThat(p.parseEpochSeconds("1418530010", "--from")).isEqualTo(1_418_530_010L);
        assertThat(p.parseEpochSeconds("1512564058000", "--from")).isEqualTo(1_512_564_058L);
    }

    @Test
    void relativeTimesCountBackFromNow() {
        long now = NOW.getEpochSecond();
        assertThat(p.parseEpochSeconds("-2h", "--from")).isEqualTo(now - 7200);
        assertThat(p.parseEpochSeconds("30m", "--from")).isEqualTo(now - 1800);
        assertThat(p.parseEpochSeconds("1d", "--from")).isEqualTo(now - 86400);
        assertThat(p.parseEpochSeconds("90s", "--from")).isEqualTo(now - 90);
        assertThat(p.parseEpochSeconds("1w", "--from")).isEqualTo(now - 7 * 86400);
    }

    @Test
    void nonsenseIsAUsageErrorNamingTheOption() {
        for (String bad : new String[] {"", "yesterday", "2026-13-01", "-2x", "12:00"}) {
            assertThatThrownBy(() -> p.parseEpochSeconds(bad, "--to"))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            FlowlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TIME))
                    .hasMessageContaining("--to")
                    .hasMessageContaining("ISO-8601");
        }
    }

    @Test
    void anUnreadableTimeKeepsTheTextTheOptionAndWhereReadingStopped() {
        String[][] cases = {
            {"", "0"},
            {"-2x", "2"},
            {"  -2x", "4"},
            {"-1234567890123h", "12"},
            {"2026-11-27X", "10"},
            {" 2026-11-27 10", "11"}
        };
        for (String[] c : cases) {
            InvalidTimeException e =
                    catchThrowableOfType(InvalidTimeException.class, () -> p.parseEpochSeconds(c[0], "--from"));
            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.source()).isEqualTo(c[0]);
            assertThat(e.option()).isEqualTo("--from");
            assertThat(e.location().offset()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TIME);
        }
    }
}
