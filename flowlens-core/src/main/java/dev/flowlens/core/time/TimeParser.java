package dev.flowlens.core.time;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.time.Clock;
import java.time.Instant;

/**
 * Reads the times users type for {@code --from}/{@code --to}: ISO-8601 ({@code 2026-11-27T10:00:00Z},
 * {@code 2026-11-27T10:00} taken as UTC, {@code 2026-11-27}), Unix epoch times, and relative times
 * before now ({@code -2h}, {@code 30m}, {@code 1d}, {@code 90s}, {@code 1w}). The clock is injected.
 *
 * <p>Epoch times are read by size ({@link #epochSeconds(long)}): up to 11 digits are seconds (up to
 * year 5138), 12 to 14 digits milliseconds, 15 to 17 microseconds, 18 and 19 nanoseconds; more digits
 * are refused. Every unit thus lands between 1973 and 5138, so a time in micro- or nanoseconds is
 * never read as a far-future date. The flow log parser applies the same rule to start and end.
 */
public final class TimeParser {
    /** Epoch values at or above this are not seconds (it is year 5138 in seconds, 1973 in milliseconds). */
    public static final long SUBSECOND_THRESHOLD = 100_000_000_000L;

    private final Clock clock;

    public TimeParser(Clock clock) {
        this.clock = clock;
    }

    /**
     * Epoch seconds of an epoch time in seconds, milliseconds, microseconds or nanoseconds: divided by
     * 1000 until below {@link #SUBSECOND_THRESHOLD}. Negative values are returned as they are.
     */
    public static long epochSeconds(long value) {
        long v = value;
        while (v >= SUBSECOND_THRESHOLD) {
            v /= 1000;
        }
        return v;
    }

    /**
     * The window {@code from}..{@code to} (either may be null for an open end), named in messages by
     * the options {@code --from} and {@code --to}; a {@code from} after {@code to} is a usage error.
     */
    public TimeWindow parseWindow(String from, String to) {
        return window(
                from == null ? null : TimePoint.parse(from, "--from"), to == null ? null : TimePoint.parse(to, "--to"));
    }

    /** The window {@code from}..{@code to} of times already read (either may be null for an open end). */
    public TimeWindow window(TimePoint from, TimePoint to) {
        Long f = from == null ? null : from.epochSeconds(clock);
        Long t = to == null ? null : to.epochSeconds(clock);
        if (f != null && t != null && f > t) {
            throw new FlowlensException(
                    ErrorCode.INVALID_TIME,
                    "--from " + from.text() + " is after --to " + to.text() + " (" + Instant.ofEpochSecond(f) + " > "
                            + Instant.ofEpochSecond(t) + "): give the earlier time to --from");
        }
        return new TimeWindow(f, t);
    }

    /** Epoch seconds of {@code text}; an {@link InvalidTimeException} where it cannot be read. */
    public long parseEpochSeconds(String text, String option) {
        return TimePoint.parse(text, option).epochSeconds(clock);
    }
}
