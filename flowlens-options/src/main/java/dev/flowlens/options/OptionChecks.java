package dev.flowlens.options;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

/**
 * Checks of option values shared by the commands, so that every command refuses a bad value the
 * same way: a {@link FlowlensException} with a usage code (exit 2) that names the option and the
 * value. Addresses, ports and times are read by the converters registered on the command line
 * ({@link Converters}); time windows are checked by {@link
 * dev.flowlens.core.time.TimeParser#window}.
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

    /** {@code value} when it is 0 or more (a duration in seconds where 0 means none: --wait). */
    public static long notNegative(long value, String option) {
        if (value < 0) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, option + " must be 0 or more (got " + value + ")");
        }
        return value;
    }
}
