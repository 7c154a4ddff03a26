package dev.flowlens.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestTimePoint {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private static final Clock ONE = Clock.fixed(Instant.parse("2026-11-27T13:00:00Z"), ZoneOffset.UTC);

    @Test
    void aRelativeTimeIsPlacedOnTheClockItIsGiven() {
        TimePoint p = TimePoint.parse("-2h");
        assertThat(p.relative()).isTrue();
        assertThat(p.epochSeconds(NOON))
                .isEqualTo(Instant.parse("2026-11-27T10:00:00Z").getEpochSecond());
        assertThat(p.epochSeconds(ONE))
                .isEqualTo(Instant.parse("2026-11-27T11:00:00Z").getEpochSecond());
    }

    @Test
    void anAbsoluteTimeIgnoresTheClock() {
        TimePoint p = TimePoint.parse("2026-11-27T10:00:00Z");
        assertThat(p.relative()).isFalse();
        assertThat(p.epochSeconds(NOON)).isEqualTo(p.epochSeconds(ONE)).isEqualTo(1795773600L);
    }

    @Test
    void aBadTimeNamesTheOptionOnlyWhenGivenOne() {
        assertThatThrownBy(() -> TimePoint.parse("yesterday"))
                .isInstanceOf(InvalidTimeException.class)
                .hasMessageStartingWith("cannot read time 'yesterday': ");
        assertThatThrownBy(() -> TimePoint.parse("yesterday", "--to"))
                .hasMessageStartingWith("cannot read time 'yesterday' for --to: ");
    }

    @Test
    void aWindowOfReadTimesIsCheckedOnTheClock() {
        TimeParser parser = new TimeParser(NOON);
        assertThat(parser.window(TimePoint.parse("-2h"), TimePoint.parse("-1h")))
                .isEqualTo(new TimeWindow(1795773600L, 1795777200L));
        assertThatThrownBy(() -> parser.window(TimePoint.parse("-1h"), TimePoint.parse("-2h")))
                .hasMessageContaining("--from -1h is after --to -2h");
    }
}
