package dev.flowlens.core.time;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.ParsingException;

/**
 * A time that cannot be read: the text, the option it was given to (or null) and the place where
 * reading stopped as fields ({@link ParsingException}); the message names the text and the forms
 * that are read.
 */
public final class InvalidTimeException extends ParsingException {
    private static final long serialVersionUID = 1L;
    /** Characters of the text quoted in the message. */
    private static final int SHOWN = 40;

    private final String option;

    public InvalidTimeException(String text, String option, int offset) {
        super(ErrorCode.INVALID_TIME, text, offset, "not a time", message(text, option));
        this.option = option;
    }

    /** The option the time was given to, such as {@code --from}, or null. */
    public String option() {
        return option;
    }

    private static String message(String text, String option) {
        String shown = text != null && text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
        return "cannot read time '" + shown + "'" + (option == null ? "" : " for " + option)
                + ": use ISO-8601 (2026-11-27T10:00:00Z), epoch seconds (1795773600; milli-, micro- and nanoseconds are read by"
                + " their number of digits) or a time before now (-2h, 30m, 1d)";
    }
}
