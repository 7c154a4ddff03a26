package dev.flowlens.core.parse;

import java.util.Objects;

/**
 * A line that could not be read, located: the file, the line number (1-based), the field (or
 * null when the whole line is at fault), the reason, and the offending text.
 */
public record ParseProblem(String file, long line, String field, String reason, String text) {
    public ParseProblem {
        Objects.requireNonNull(reason, "reason");
        text = text == null ? "" : text;
    }

    public ParseProblem withLocation(String newFile, long newLine) {
        return new ParseProblem(newFile, newLine, field, reason, text);
    }

    /** {@code file:line: field 'x': reason: text}, as a person reads it. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file).append(':').append(line).append(": ");
        }
        if (field != null) {
            b.append("field '").append(field).append("': ");
        }
        b.append(reason);
        if (!text.isEmpty()) {
            b.append(": ").append(text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
        return b.toString();
    }
}
