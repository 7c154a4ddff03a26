package dev.flowlens.core.insights;

import dev.flowlens.core.format.FlowField;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the planner reads and how an engine keeps fields whose shown value is computed from stored
 * columns. A {@code stats ... by} such a field groups on its stored columns and computes the shown
 * value once per group, not once per record (an IPv4 address kept as a number is rendered as text
 * only for the groups).
 *
 * @param source the relation to read: every field's column by its name, plus the key columns
 * @param keys the fields with a group key; names and SQL come from the engine, never from users
 */
public record FieldStorage(String source, Map<FlowField, GroupKey> keys) {
    /**
     * An address kept as two columns: {@code ipv4} holds a canonical dotted quad as its unsigned
     * 32-bit number, {@code text} any other address as logged; at most one is set. Equalities with
     * a dotted quad and IPv4 blocks compare the number instead of the rendered text.
     */
    public record AddressColumns(String ipv4, String text) {}

    /** The default: the {@code flows} view, every field a column of its own. */
    public static final FieldStorage FLOWS = new FieldStorage("flows", Map.of());

    public FieldStorage {
        keys = Map.copyOf(keys);
    }

    /**
     * @param columns the stored columns that determine the value (quoted SQL names)
     * @param render SQL for the value from SQL expressions standing for those columns, in order
     * @param address for an address field, how its two columns split it; null otherwise
     */
    public record GroupKey(List<String> columns, Function<List<String>, String> render, AddressColumns address) {
        public GroupKey {
            columns = List.copyOf(columns);
        }

        /** SQL for the value from the stored columns themselves. */
        public String display() {
            return render.apply(columns);
        }
    }
}
