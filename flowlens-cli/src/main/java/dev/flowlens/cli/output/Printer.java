package dev.flowlens.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place that turns results into text: aligned tables, CSV, JSON and JSON lines. */
public final class Printer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_COMPACT = new ObjectMapper();

    private final PrintWriter out;

    public Printer(PrintWriter out) {
        this.out = out;
    }

    public PrintWriter writer() {
        return out;
    }

    public void print(Table table, OutputFormat format) {
        switch (format) {
            case TABLE:
            case TEXT:
                printAligned(table);
                break;
            case CSV:
                printCsv(table);
                break;
            case JSON:
                printJson(rowsAsMaps(table));
                break;
            case JSONL:
                for (Map<String, Object> row : rowsAsMaps(table)) {
                    out.println(compactJson(row));
                }
                break;
            default:
                throw new AssertionError(format);
        }
        out.flush();
    }

    /** Prints any value as indented JSON (maps, lists, records of plain values). */
    public void printJson(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        out.flush();
    }

    public static String compactJson(Object value) {
        try {
            return JSON_COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static java.util.List<Map<String, Object>> rowsAsMaps(Table table) {
        java.util.List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (List<Object> row : table.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < table.columns().size(); i++) {
                m.put(table.columns().get(i), row.get(i));
            }
            list.add(m);
        }
        return list;
    }

    private void printAligned(Table table) {
        int n = table.columns().size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        java.util.Arrays.fill(numeric, true);
        for (int i = 0; i < n; i++) {
            width[i] = table.columns().get(i).length();
        }
        for (List<Object> row : table.rows()) {
            for (int i = 0; i < n; i++) {
                Object v = row.get(i);
                width[i] = Math.max(width[i], cell(v).length());
                if (v != null && !(v instanceof Number)) {
                    numeric[i] = false;
                }
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            pad(b, table.columns().get(i), width[i], numeric[i] && !table.rows().isEmpty(), i == n - 1);
        }
        out.println(b.toString().stripTrailing());
        for (List<Object> row : table.rows()) {
            b.setLength(0);
            for (int i = 0; i < n; i++) {
                pad(b, cell(row.get(i)), width[i], numeric[i], i == n - 1);
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static void pad(StringBuilder b, String s, int width, boolean right, boolean last) {
        if (right) {
            b.append(" ".repeat(width - s.length())).append(s);
        } else {
            b.append(s);
            if (!last) {
                b.append(" ".repeat(width - s.length()));
            }
        }
        if (!last) {
            b.append("  ");
        }
    }

    private static String cell(Object v) {
        return v == null ? "-" : v.toString();
    }

    private void printCsv(Table table) {
        out.println(csvLine(table.columns()));
        for (List<Object> row : table.rows()) {
            out.println(csvLine(row));
        }
    }

    private static String csvLine(List<?> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            String s = v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        return b.toString();
    }
}
