package dev.flowlens.store.search;

import dev.flowlens.core.filter.FieldText;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record found by a search, with its evidence: the source file and line.
 *
 * @param path the file it was loaded from
 * @param line the line in that file (1-based)
 * @param logStream the CloudWatch log stream, or null
 * @param format the record's format (its file's), which orders the fields of {@link #message()}
 * @param values column name to value (Integer, Long or String; null when absent)
 */
public record FlowRow(String path, long line, String logStream, FlowFormat format, Map<String, Object> values) {
    public FlowRow {
        Objects.requireNonNull(format, "format");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Object value(FlowField field) {
        return values.get(field.column());
    }

    public Integer intValue(FlowField field) {
        Object v = value(field);
        return v == null ? null : ((Number) v).intValue();
    }

    public Long longValue(FlowField field) {
        Object v = value(field);
        return v == null ? null : ((Number) v).longValue();
    }

    public String stringValue(FlowField field) {
        Object v = value(field);
        return v == null ? null : v.toString();
    }

    /** A position's text as the message writes it: {@code -} when absent. */
    public String text(FormatField field) {
        Object v = values.get(field.column());
        return v == null ? FieldText.ABSENT : v.toString();
    }

    /** The texts of the record's fields, in format order. */
    public List<String> fieldTexts() {
        List<String> texts = new ArrayList<>(format.size());
        for (FormatField f : format.fields()) {
            texts.add(text(f));
        }
        return texts;
    }

    /** The record as a flow log message: the fields in format order, separated by spaces. */
    public String message() {
        return String.join(" ", fieldTexts());
    }
}
