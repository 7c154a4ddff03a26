package dev.flowlens.core.insights;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.text.NearestName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields Logs Insights discovers in flow logs: {@code @timestamp}, {@code @message},
 * {@code @logStream} and the camelCase name of every {@link FlowField}. Other spellings of a field
 * (its AWS name {@code log-status} in backticks, its column name {@code log_status}, any case) are
 * accepted too.
 */
public final class InsightsFields {
    public static final String TIMESTAMP = "@timestamp";
    public static final String MESSAGE = "@message";
    public static final String LOG_STREAM = "@logStream";

    /** The default format's fields, in order: what {@code @message} holds. */
    public static final List<FlowField> MESSAGE_FIELDS = List.copyOf(FlowFormat.DEFAULT_V2.knownFields());

    private InsightsFields() {}

    /** A base field: a flow log field or one of the {@code @} fields. */
    public sealed interface Base {}

    public record Flow(FlowField field) implements Base {}

    public enum Special implements Base {
        TIMESTAMP_FIELD,
        MESSAGE_FIELD,
        LOG_STREAM_FIELD
    }

    public static Optional<Base> resolve(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "@timestamp":
                return Optional.of(Special.TIMESTAMP_FIELD);
            case "@message":
                return Optional.of(Special.MESSAGE_FIELD);
            case "@logstream":
                return Optional.of(Special.LOG_STREAM_FIELD);
            default:
                break;
        }
        if (name.startsWith("@")) {
            return Optional.empty();
        }
        return FlowField.byName(name).map(Flow::new);
    }

    /** Every name Insights discovers for flow logs, for suggestions and documentation. */
    public static List<String> knownNames() {
        List<String> names = new ArrayList<>(List.of(TIMESTAMP, MESSAGE, LOG_STREAM));
        for (FlowField f : FlowField.values()) {
            names.add(f.insightsName());
        }
        return names;
    }

    /** The candidate closest to {@code name} (edit distance, ignoring case), if reasonably close. */
    public static Optional<String> nearest(String name, Collection<String> candidates) {
        return NearestName.of(name, candidates, 2);
    }
}
