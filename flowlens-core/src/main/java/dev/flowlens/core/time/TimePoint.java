package dev.flowlens.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time as a user types it for {@code --from}/{@code --to}, read but not yet placed on a clock: an
 * absolute time in epoch seconds, or a time {@code seconds} before now ({@code -2h}, {@code 30m}). The
 * forms are those of {@link TimeParser}; {@link #epochSeconds(Clock)} places it.
 *
 * @param text what was typed
 * @param seconds epoch seconds, or seconds before now when {@code relative}
 * @param relative whether it counts back from now
 */
public record TimePoint(String text, long seconds, boolean relative) {
    /** Digits of a relative time at the most (99999999999w is 1.9 million years). */
    private static final int MAX_RELATIVE_DIGITS = 11;

    /** Epoch seconds of this time, relative times counted back from {@code clock}'s now. */
    public long epochSeconds(Clock clock) {
        return relative ? clock.instant().getEpochSecond() - seconds : seconds;
    }

    /** The time {@code text} names, for messages that name no option. */
    public static TimePoint parse(String text) {
        return parse(text, null);
    }

    /**
     * The time {@code text} names; an {@link InvalidTimeException} naming {@code option} (or none when
     * null) where it cannot be read.
     */
    public static TimePoint parse(String text, String option) {
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
            return new TimePoint(text, Long.parseLong(t.substring(digits, unitAt)) * unit, true);
        }
        if (isDigits(t, 0, t.length())) {
            try {
                return new TimePoint(text, TimeParser.epochSeconds(Long.parseLong(t)), false);
            } catch (NumberFormatException e) {
                throw new InvalidTimeException(text, option, lead);
            }
        }
        return new TimePoint(text, iso(t, text, option, lead), false);
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
