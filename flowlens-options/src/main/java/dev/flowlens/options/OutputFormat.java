package dev.flowlens.options;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.util.List;
import java.util.Locale;

/** How a command prints its result. Not every command offers every one. */
public enum OutputFormat {
    TABLE,
    TEXT,
    CSV,
    JSON,
    JSONL;

    /**
     * This format, when the command offers it; a usage error naming the ones it does offer
     * otherwise (a list of rows has no text form, a summary no csv).
     */
    public OutputFormat offeredAmong(OutputFormat... offered) {
        List<OutputFormat> list = List.of(offered);
        if (list.contains(this)) {
            return this;
        }
        List<String> names =
                list.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
        throw new FlowlensException(
                ErrorCode.INVALID_ARGUMENT,
                "--output " + name().toLowerCase(Locale.ROOT) + " is not offered here: use "
                        + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }
}
