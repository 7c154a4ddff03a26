package dev.flowlens.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.store.query.RowSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns results into text: aligned tables, CSV, JSON and JSON lines. Rows go
 * through {@link #rows} one at a time, so a result of any size prints in bounded memory; only an
 * aligned table holds its first {@link #TABLE_WINDOW} rows, to size its columns.
 *
 * <p>Tables (and messages) are for a terminal: control characters in values are shown escaped
 * ({@link TerminalText}). CSV and JSON keep values exact (JSON writes control characters as
 * escapes, {@link JsonEscapes}); with {@code csvSafe}, a CSV text cell
 * that a spreadsheet would run as a formula ({@code = + - @}, tab, CR first) gets a leading
 * {@code '}.
 */
public final class Printer {
    /** Rows an aligned table reads before it fixes its column widths. */
    public static final int TABLE_WINDOW = 1000;

    private static final ObjectMapper JSON = mapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_STREAM =
            mapper().enable(SerializationFeature.INDENT_OUTPUT).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final ObjectMapper JSON_COMPACT = mapper();

    private final PrintWriter out;
    private final boolean csvSafe;
    private final int tableWindow;

    public Printer(PrintWriter out) {
        this(out, false);
    }

    public Printer(PrintWriter out, boolean csvSafe) {
        this(out, csvSafe, TABLE_WINDOW);
    }

    Printer(PrintWriter out, boolean csvSafe, int tableWindow) {
        this.out = out;
        this.csvSafe = csvSafe;
        this.tableWindow = tableWindow;
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.getFactory().setCharacterEscapes(new JsonEscapes());
        return m;
    }

    public PrintWriter writer() {
        return out;
    }

    /** Prints a whole table. */
    public void print(Table table, OutputFormat format) {
        Rows rows = rows(format);
        rows.start(table.columns());
        for (List<Object> row : table.rows()) {
            rows.row(row);
        }
        rows.finish();
    }

    /** A printer of rows in {@code format}: {@link Rows#start}, then {@link Rows#row} per row, then {@link Rows#finish}. */
    public Rows rows(OutputFormat format) {
        // exhaustive: a new format fails compilation here until it has a printer
        return switch (format) {
            case TABLE, TEXT -> new AlignedRows();
            case CSV -> new CsvRows();
            case JSON -> new JsonRows();
            case JSONL -> new JsonLineRows();
        };
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

    /** Rows printed as they come. Values are String, Number, Boolean or null. */
    public abstract static class Rows implements RowSink {
        private List<String> columns;
        private long count;

        @Override
        public final void start(List<String> names) {
            if (columns != null) {
                throw new IllegalStateException("started twice");
            }
            columns = List.copyOf(names);
            begin(columns);
        }

        @Override
        public final void row(List<Object> values) {
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "row has " + values.size() + " values for " + columns.size() + " columns");
            }
            count++;
            write(values);
        }

        /** Ends the output (prints what a table still holds, closes a JSON array) and flushes. */
        public abstract void finish();

        /** The rows printed (or held) so far. */
        public long count() {
            return count;
        }

        List<String> columns() {
            return columns;
        }

        abstract void begin(List<String> names);

        abstract void write(List<Object> values);

        Map<String, Object> asMap(List<Object> values) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), values.get(i));
            }
            return m;
        }
    }

    /**
     * An aligned table: the first {@code tableWindow} rows are held to size the columns (and to
     * right-align numeric ones); later rows print at once with those widths, a longer value widening
     * only its own row (never cut).
     */
    final class AlignedRows extends Rows {
        private List<String> header;
        private final List<String[]> window = new ArrayList<>();
        private boolean[] numeric;
        private int[] width;
        private boolean fixed;
        private int maxHeld;

        @Override
        void begin(List<String> names) {
            header = new ArrayList<>(names.size());
            for (String n : names) {
                header.add(TerminalText.escape(n));
            }
            numeric = new boolean[names.size()];
            java.util.Arrays.fill(numeric, true);
        }

        @Override
        void write(List<Object> values) {
            String[] cells = new String[values.size()];
            for (int i = 0; i < cells.length; i++) {
                Object v = values.get(i);
                cells[i] = v == null ? "-" : TerminalText.escape(v.toString());
                if (!fixed && v != null && !(v instanceof Number)) {
                    numeric[i] = false;
                }
            }
            if (fixed) {
                printRow(cells);
                return;
            }
            window.add(cells);
            maxHeld = Math.max(maxHeld, window.size());
            if (window.size() >= tableWindow) {
                fix();
            }
        }

        /** The most rows held at once. */
        int maxHeld() {
            return maxHeld;
        }

        private void fix() {
            int n = header.size();
            width = new int[n];
            for (int i = 0; i < n; i++) {
                width[i] = header.get(i).length();
            }
            for (String[] row : window) {
                for (int i = 0; i < n; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                pad(b, header.get(i), width[i], numeric[i] && !window.isEmpty(), i == n - 1);
            }
            out.println(b.toString().stripTrailing());
            fixed = true;
            for (String[] row : window) {
                printRow(row);
            }
            window.clear();
        }

        private void printRow(String[] cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                pad(b, cells[i], width[i], numeric[i], i == cells.length - 1);
            }
            out.println(b.toString().stripTrailing());
        }

        @Override
        public void finish() {
            if (!fixed) {
                fix();
            }
            out.flush();
        }
    }

    private static void pad(StringBuilder b, String s, int width, boolean right, boolean last) {
        int fill = Math.max(0, width - s.length());
        if (right) {
            b.append(" ".repeat(fill)).append(s);
        } else {
            b.append(s);
            if (!last) {
                b.append(" ".repeat(fill));
            }
        }
        if (!last) {
            b.append("  ");
        }
    }

    private final class CsvRows extends Rows {
        @Override
        void begin(List<String> names) {
            out.println(csvLine(names, csvSafe));
        }

        @Override
        void write(List<Object> values) {
            out.println(csvLine(values, csvSafe));
        }

        @Override
        public void finish() {
            out.flush();
        }
    }

    private final class JsonRows extends Rows {
        private SequenceWriter array;

        @Override
        void begin(List<String> names) {
            try {
                array = JSON_STREAM.writer().writeValuesAsArray(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void write(List<Object> values) {
            try {
                array.write(asMap(values));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish() {
            try {
                array.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
            out.flush();
        }
    }

    private final class JsonLineRows extends Rows {
        @Override
        void begin(List<String> names) {
            // JSON lines have no header
        }

        @Override
        void write(List<Object> values) {
            out.println(compactJson(asMap(values)));
        }

        @Override
        public void finish() {
            out.flush();
        }
    }

    static String csvLine(List<?> values, boolean safe) {
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
            if (safe && v instanceof CharSequence && !s.isEmpty() && isFormulaStart(s.charAt(0))) {
                s = "'" + s;
            }
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        return b.toString();
    }

    /** What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection). */
    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
