package dev.flowlens.bench;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import java.util.ArrayList;
import java.util.List;

/** The workspace columns the benchmarks' generated rows fill: where the row comes from, then the default format's fields. */
public final class FlowsColumns {
    private FlowsColumns() {}

    /** {@code file_id}, {@code line}, {@code more}, then the default (v2) format's columns in order. */
    public static List<String> defaultFormat(String... more) {
        List<String> columns = new ArrayList<>(List.of("file_id", "line"));
        columns.addAll(List.of(more));
        for (FlowField f : FlowFormat.DEFAULT_V2.knownFields()) {
            columns.add(f.column());
        }
        return columns;
    }
}
