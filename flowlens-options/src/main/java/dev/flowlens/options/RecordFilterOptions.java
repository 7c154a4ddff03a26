package dev.flowlens.options;

import dev.flowlens.core.filter.FilterText;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Port;
import dev.flowlens.core.time.TimeWindow;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The filters on a record's own fields: {@code --ip/--src/--dst}, {@code --port},
 * {@code --src-port/--dst-port}, {@code --protocol}, {@code --action}, {@code --status}. Part of
 * {@link FilterOptions} (with the interface and time window), and by itself where the command has
 * its own {@code --eni} and window ({@code ingest cloudwatch: --follow} prints the records that match).
 * One table, {@link Filter}, makes the options, says whether any was given and reads them into a
 * {@link FilterText}. Addresses and ports are read by the {@link Converters} the command line registers.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class RecordFilterOptions {
    /** The filters: each one's option, the label of its value and the type the option reads. */
    enum Filter {
        IP("--ip", "ADDR", Cidr.class),
        SRC("--src", "ADDR", Cidr.class),
        DST("--dst", "ADDR", Cidr.class),
        PORT("--port", "N", Port.class),
        SRC_PORT("--src-port", "N", Port.class),
        DST_PORT("--dst-port", "N", Port.class),
        PROTOCOL("--protocol", "P", String.class),
        ACTION("--action", "A", String.class),
        STATUS("--status", "S", String.class);

        private final String option;
        private final String label;
        private final Class<?> type;

        Filter(String option, String label, Class<?> type) {
            this.option = option;
            this.label = label;
            this.type = type;
        }
    }

    /** The option of each filter, which holds the value given (null when not given). */
    private final Map<Filter, OptionSpec> options = new EnumMap<>(Filter.class);

    /** Picocli calls it with this mixin's own spec, before mixing the options into the command. */
    @Spec
    void addOptions(CommandSpec mixin) {
        for (Filter f : Filter.values()) {
            OptionSpec option = OptionSpec.builder(f.option)
                    .paramLabel(f.label)
                    .type(f.type)
                    .build();
            options.put(f, option);
            mixin.addOption(option);
        }
    }

    /** True when any of these options was given. */
    public boolean anyGiven() {
        for (OptionSpec option : options.values()) {
            if (option.getValue() != null) {
                return true;
            }
        }
        return false;
    }

    /** These filters alone (any interface, any time). */
    public FlowFilter toFilter() {
        return text(List.of(), TimeWindow.ALL).toFilter();
    }

    /** The filters as typed, with an interface list and time window. */
    FilterText text(List<String> enis, TimeWindow window) {
        return new FilterText(
                enis,
                window,
                value(Filter.IP),
                value(Filter.SRC),
                value(Filter.DST),
                value(Filter.PORT),
                value(Filter.SRC_PORT),
                value(Filter.DST_PORT),
                value(Filter.PROTOCOL),
                value(Filter.ACTION),
                value(Filter.STATUS));
    }

    /** The value given to the filter's option, of the option's type; null when not given. */
    private <T> T value(Filter filter) {
        return options.get(filter).getValue();
    }
}
