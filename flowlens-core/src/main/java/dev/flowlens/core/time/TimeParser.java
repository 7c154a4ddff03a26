package dev.flowlens.core.time;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

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
    /** Digits of a relative time at the most (99999999999w is 1.9 million years). */
    private static final int MAX_RELATIVE_DIGITS = 11;

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
        Long f = from == null ? null : parseEpochSeconds(from, "--from");
        Long t = to == null ? null : parseEpochSeconds(to, "--to");
        if (f != null && t != null && f > t) {
            throw new FlowlensException(
                    ErrorCode.INVALID_TIME,
                    "--from " + from + " is after --to " + to + " (" + Instant.ofEpochSecond(f) + " > "
                            + Instant.ofEpochSecond(t) + "): give the earlier time to --from");
        }
        return new TimeWindow(f, t);
    }

    /** Epoch seconds of {@code text}; an {@link InvalidTimeException} where it cannot be read. */
    public long parseEpochSeconds(String text, String option) {
        String t = text == null ? "" : text.trim();
        // offsets in t are offsets in text after its leading blanks
        int lead = t.isEmpty() ? 0 : text.indexOf(t.charAt(0));
        if (t.isEmpty()) {
            throw new InvalidTimeException(text, option, 0);
        }
        int digits = t.startsWith("-") ? 1 : 0;
        int unitAt = t.length() - 1;
        if (unitAt - digits >= 1 && Character.isLetter(t.charAt(unitAt)) && isDigits(t, digits, unitAt)) {
            if (unitAt - digits > MAX_RELATIVE_DIGITS) {
                throw new InvalidTimeException(text, option, lead + digits + MAX_RELATIVE_DIGITS);
            }
            long unit = unitSeconds(t.charAt(unitAt));
            if (unit == 0) {
                throw new InvalidTimeException(text, option, lead + unitAt);
            }
            return clock.instant().getEpochSecond() - Long.parseLong(t.substring(digits, unitAt)) * unit;
        }
        if (isDigits(t, 0, t.length())) {
            try {
                return epochSeconds(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new InvalidTimeException(text, option, lead);
            }
        }
        return iso(t, text, option, lead);
    }

    /** Seconds of a relative time's unit letter, 0 for another letter. */
    private static long unitSeconds(char unit) {
        switch (Character.toLowerCase(unit)) {
            case 's':
                return 1;
            case 'm':
                return 60;
            case 'h':
                return 3600;
            case 'd':
                return 86400;
            case 'w':
                return 7 * 86400;
            default:
                return 0;
        }
    }

    /** An ISO-8601 time; the error names the place the form read furthest stopped at. */
    private static long iso(String t, String text, String option, int lead) {
        int furthest = 0;
        try {
            return OffsetDateTime.parse(t).toEpochSecond();
        } catch (DateTimeParseException e) {
            furthest = Math.max(furthest, e.getErrorIndex());
        }
        try {
            return Instant.parse(t).getEpochSecond();
        } catch (DateTimeParseException e) {
            furthest = Math.max(furthest, e.getErrorIndex());
        }
        try {
            return LocalDateTime.parse(t).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            furthest = Math.max(furthest, e.getErrorIndex());
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            furthest = Math.max(furthest, e.getErrorIndex());
            throw new InvalidTimeException(text, option, lead + furthest);
        }
    }

    private static boolean isDigits(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
