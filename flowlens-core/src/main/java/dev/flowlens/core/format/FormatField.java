package dev.flowlens.core.format;

import java.util.Objects;
import java.util.Optional;

/**
 * One position of a format: a known field, or a name Flowlens does not know (kept as text).
 *
 * @param name the name as written (hyphenated for known fields)
 * @param field the known field, or null for an unknown name
 */
public record FormatField(String name, FlowField field) {
    public FormatField {
        Objects.requireNonNull(name, "name");
    }

    public static FormatField known(FlowField field) {
        return new FormatField(field.awsName(), field);
    }

    public static FormatField unknown(String name) {
        return new FormatField(name, null);
    }

    public Optional<FlowField> knownField() {
        return Optional.ofNullable(field);
    }

    public boolean isKnown() {
        return field != null;
    }

    /** The column an unknown field is kept in: {@code x_} and its name in lower snake case. */
    public String column() {
        if (field != null) {
            return field.column();
        }
        return extraColumn(name);
    }

    /** Column name for an unknown field: letters, digits and underscores only. */
    public static String extraColumn(String name) {
        StringBuilder b = new StringBuilder("x_");
        for (int i = 0; i < name.length() && b.length() < 64; i++) {
            char c = Character.toLowerCase(name.charAt(i));
            b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return b.toString();
    }
}
