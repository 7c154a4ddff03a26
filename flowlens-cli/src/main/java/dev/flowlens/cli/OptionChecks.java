package dev.flowlens.cli;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FilterText;

/**
 * Checks of option values shared by the commands, so that every command refuses a bad value the
 * same way: a {@link FlowlensException} with a usage code (exit 2) that names the option and the
 * value. Time windows are checked by {@link dev.flowlens.core.time.TimeParser#parseWindow}.
 */
public final class OptionChecks {
    private OptionChecks() {}

    /** {@code value} when it is at least 1 (a count: --limit, --threads, --max-rows, --threshold). */
    public static int positive(int value, String option) {
        if (value < 1) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, option + " must be at least 1 (got " + value + ")");
        }
        return value;
    }

    /** {@code text} when it is one IPv4 or IPv6 address (null stays null). */
    public static String address(String text, String option) {
        return FilterText.address(text, option);
    }

    /** A port number 0-65535, or a {@link FlowlensException} naming the option. */
    public static Integer port(String text, String option) {
        return FilterText.port(text, option);
    }
}
