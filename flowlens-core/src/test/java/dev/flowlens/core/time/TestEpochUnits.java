package dev.flowlens.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Epoch times in seconds, milli-, micro- and nanoseconds, and windows given the wrong way round. */
class TestEpochUnits {
    private static final long T = 1_714_521_600L; // 2024-05-01T00:00:00Z
    private final TimeParser p = new TimeParser(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyUnitReadsAsTheSameSecond() {
        assertThat(p.parseEpochSeconds("1714521600", "--from")).isEqualTo(T);
        assertThat(p.parseEpochSeconds("1714521600123", "--from")).isEqualTo(T);
        assertThat(p.parseEpochSeconds("1714521600000000", "--from")).isEqualTo(T);
        assertThat(p.parseEpochSeconds("1714521600999999", "--from")).isEqualTo(T);
        assertThat(p.parseEpochSeconds("1714521600000000000", "--from")).isEqualTo(T);
    }

    @Test
    void theRuleGoesByMagnitude() {
        assertThat(TimeParser.epochSeconds(99_999_999_999L))
                .isEqualTo(99_999_999_999L); // 11 digits: seconds (year 5138)
        assertThat(TimeParser.epochSeconds(100_000_000_000L)).isEqualTo(100_000_000L); // 12 digits: milliseconds (1973)
        assertThat(TimeParser.epochSeconds(99_999_999_999_999L)).isEqualTo(99_999_999_999L); // 14 digits: ms
        assertThat(TimeParser.epochSeconds(100_000_000_000_000L)).isEqualTo(100_000_000L); // 15 digits: microseconds
        assertThat(TimeParser.epochSeconds(Long.MAX_VALUE)).isEqualTo(9_223_372_036L); // 19 digits: nanoseconds (2262)
        assertThat(TimeParser.epochSeconds(0)).isZero();
        for (long v = 1; v < Long.MAX_VALUE / 7; v = v * 7 + 3) {
            assertThat(TimeParser.epochSeconds(v)).as("%d", v).isLessThan(TimeParser.SUBSECOND_THRESHOLD);
        }
    }

    @Test
    void tooManyDigitsAreRefused() {
        for (String bad : new String[] {"17145216000000000000", "99999999999999999999", "-99999999999999999h"}) {
            assertThatThrownBy(() -> p.parseEpochSeconds(bad, "--from"))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            FlowlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TIME))
                    .hasMessageContaining("--from")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void aWindowMayBeOpenAtEitherEnd() {
        assertThat(p.parseWindow(null, null)).isEqualTo(TimeWindow.ALL);
        assertThat(p.parseWindow("1714521600", null)).isEqualTo(new TimeWindow(T, null));
        assertThat(p.parseWindow("1714521600", "1714521600")).isEqualTo(new TimeWindow(T, T));
    }

    @Test
    void fromAfterToIsAUsageErrorNamingBoth() {
        assertThatThrownBy(() -> p.parseWindow("2024-05-02", "2024-05-01"))
                .isInstanceOfSatisfying(
                        FlowlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TIME))
                .hasMessageContaining("--from 2024-05-02")
                .hasMessageContaining("--to 2024-05-01");
    }
}
