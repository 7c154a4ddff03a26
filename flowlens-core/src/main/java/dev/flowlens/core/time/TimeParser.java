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
            throw new FlowlensException(ErrorCode.INVALID_TIME, "--from " + from + " is after --to " + to
                    + " (" + Instant.ofEpochSecond(f) + " > " + Instant.ofEpochSecond(t) + "): give the earlier time to --from");
        }
        return new TimeWindow(f, t);
    }

    /** Epoch seconds of {@code text}. */
    public long parseEpochSeconds(String text, String option) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw invalid(text, option);
        }
        String rel = t.startsWith("-") ? t.substring(1) : t;
        if (rel.length() >= 2 && Character.isLetter(rel.charAt(rel.length() - 1)) && isDigits(rel, 0, rel.length() - 1)) {
            if (rel.length() > 12) {
                throw invalid(text, option);
            }
            long n = Long.parseLong(rel.substring(0, rel.length() - 1));
            long unit;
            switch (Character.toLowerCase(rel.charAt(rel.length() - 1))) {
                case 's':
                    unit = 1;
                    break;
                case 'm':
                    unit = 60;
                    break;
                case 'h':
                    unit = 3600;
                    break;
                case 'd':
                    unit = 86400;
                    break;
                case 'w':
                    unit = 7 * 86400;
                    break;
                default:
                    throw invalid(text, option);
            }
            return clock.instant().getEpochSecond() - n * unit;
        }
        if (isDigits(t, 0, t.length())) {
            long v;
            try {
                v = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw invalid(text, option);
            }
            return epochSeconds(v);
        }
        try {
            return OffsetDateTime.parse(t).toEpochSecond();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Instant.parse(t).getEpochSecond();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            throw invalid(text, option);
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

    private static FlowlensException invalid(String text, String option) {
        String shown = text != null && text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new FlowlensException(ErrorCode.INVALID_TIME, "cannot read time '" + shown + "'" + (option == null ? "" : " for " + option)
                + ": use ISO-8601 (2026-11-27T10:00:00Z), epoch seconds (1795773600; milli-, micro- and nanoseconds are read by"
                + " their number of digits) or a time before now (-2h, 30m, 1d)");
    }
}
