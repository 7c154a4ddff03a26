package dev.flowlens.cli.command;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.util.List;
import java.util.function.Predicate;

/** The locations of one {@code ingest}: all of one kind (s3://, cloudwatch:, local paths), never a mix. */
final class Locations {
    private Locations() {}

    /**
     * True when every location is of {@code kind}, false when none is; a mix is a usage error
     * ({@code notMixed}), and so are the kind's own options without such a location ({@code
     * optionsOnly}).
     */
    static boolean allOf(
            List<String> locations, Predicate<String> kind, String notMixed, boolean kindOptions, String optionsOnly) {
        long matching = locations.stream().filter(kind).count();
        if (matching > 0 && matching < locations.size()) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, notMixed);
        }
        if (matching == 0 && kindOptions) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, optionsOnly);
        }
        return matching > 0;
    }
}
