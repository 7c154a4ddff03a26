package dev.flowlens.options;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code -o/--output FORMAT}, the same on every command that prints results. */
public final class OutputOption {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description =
                    "table, csv, json or jsonl (default: table; commands that print one summary take table or json).")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }

    /**
     * The format, when the command offers it; a usage error naming the ones it does offer otherwise
     * (a list of rows has no text form, a summary no csv).
     */
    public OutputFormat offering(OutputFormat... offered) {
        List<OutputFormat> list = List.of(offered);
        if (list.contains(format)) {
            return format;
        }
        List<String> names =
                list.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
        throw new FlowlensException(
                ErrorCode.INVALID_ARGUMENT,
                "--output " + format.name().toLowerCase(Locale.ROOT) + " is not offered here: use "
                        + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }
}
