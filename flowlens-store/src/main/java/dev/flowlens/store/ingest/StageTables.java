package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.record.RecordBatch;
import dev.flowlens.store.WorkspaceSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Per-connection temporary tables that hold one file's records while it is read: one table per
 * format, filled through DuckDB's appender with only the format's columns. When the file is read
 * whole, {@link #moveInto} copies them into {@code flows} with the file's id inside the file's
 * transaction. Temporary tables vanish with the connection, so a killed run leaves nothing behind.
 */
final class StageTables implements AutoCloseable {
    private final DuckDBConnection connection;
    private final Map<FlowFormat, Stage> stages = new HashMap<>();
    private final Set<Stage> used = new LinkedHashSet<>();
    private DuckDBAppender badLines;
    private long badLineCount;
    private int next;

    private static final class Stage {
        final String table;
        final FlowFormat format;
        final FieldType[] types;
        DuckDBAppender appender;

        Stage(String table, FlowFormat format, FieldType[] types) {
            this.table = table;
            this.format = format;
            this.types = types;
        }
    }

    StageTables(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE stage_bad_lines (line BIGINT, field VARCHAR, reason VARCHAR, text VARCHAR)");
        }
    }

    /** The formats with unknown fields need their {@code x_*} columns in {@code flows} first. */
    static List<String> extraColumns(FlowFormat format) {
        List<String> cols = new ArrayList<>();
        for (FormatField f : format.fields()) {
            if (!f.isKnown()) {
                cols.add(f.column());
            }
        }
        return cols;
    }

    void append(RecordBatch batch) throws SQLException {
        Stage s = stageFor(batch.format());
        used.add(s);
        DuckDBAppender a = s.appender;
        int columns = s.types.length;
        for (int row = 0; row < batch.size(); row++) {
            a.beginRow();
            a.append(batch.line(row));
            String stream = batch.logStream(row);
            if (stream == null) {
                a.appendNull();
            } else {
                a.append(stream);
            }
            for (int col = 0; col < columns; col++) {
                if (batch.isNull(col, row)) {
                    a.appendNull();
                    continue;
                }
                switch (s.types[col]) {
                    case INT:
                        a.append((int) batch.number(col, row));
                        break;
                    case LONG:
                    case EPOCH_SECONDS:
                        a.append(batch.number(col, row));
                        break;
                    case ADDRESS:
                    case TEXT:
                        a.append(batch.text(col, row));
                        break;
                    default:
                        throw new AssertionError(s.types[col]);
                }
            }
            a.endRow();
        }
    }

    void problem(ParseProblem p) throws SQLException {
        if (badLines == null) {
            badLines = connection.createAppender("temp", "main", "stage_bad_lines");
        }
        badLines.beginRow();
        badLines.append(p.line());
        if (p.field() == null) {
            badLines.appendNull();
        } else {
            badLines.append(p.field());
        }
        badLines.append(p.reason());
        badLines.append(p.text().length() > 4096 ? p.text().substring(0, 4096) : p.text());
        badLines.endRow();
        badLineCount++;
    }

    private Stage stageFor(FlowFormat format) throws SQLException {
        Stage s = stages.get(format);
        if (s != null) {
            if (s.appender == null) {
                s.appender = connection.createAppender("temp", "main", s.table);
            }
            return s;
        }
        String table = "stage_" + (next++);
        FieldType[] types = new FieldType[format.size()];
        StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TEMP TABLE ").append(table).append(" (line BIGINT, log_stream VARCHAR");
        for (int i = 0; i < format.size(); i++) {
            FormatField f = format.get(i);
            types[i] = f.isKnown() ? f.field().type() : FieldType.TEXT;
            // a format may name a field twice; the stage keeps each position
            ddl.append(", c").append(i).append(' ').append(WorkspaceSchema.sqlType(types[i]));
        }
        ddl.append(')');
        try (Statement st = connection.createStatement()) {
            st.execute(ddl.toString());
        }
        s = new Stage(table, format, types);
        s.appender = connection.createAppender("temp", "main", table);
        stages.put(format, s);
        return s;
    }

    /** Flushes the appenders (before the file's transaction starts). */
    void flush() throws SQLException {
        for (Stage s : used) {
            s.appender.flush();
        }
        if (badLines != null) {
            badLines.flush();
        }
    }

    /** Copies the staged rows into flows and bad_lines under {@code fileId}; call inside a transaction. */
    long moveInto(int fileId, String path) throws SQLException {
        long rows = 0;
        for (Stage s : used) {
            StringBuilder cols = new StringBuilder("file_id, line, log_stream");
            StringBuilder vals = new StringBuilder("?, line, log_stream");
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < s.format.size(); i++) {
                String column = s.format.get(i).column();
                if (!seen.add(column)) {
                    continue; // a field named twice: the first position wins
                }
                cols.append(", ").append(WorkspaceSchema.quote(column));
                vals.append(", c").append(i);
            }
            String sql = "INSERT INTO flows (" + cols + ") SELECT " + vals + " FROM temp.main." + s.table;
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setInt(1, fileId);
                rows += ps.executeUpdate();
            }
        }
        if (badLineCount > 0) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO bad_lines SELECT ?, ?, line, field, reason, text FROM temp.main.stage_bad_lines")) {
                ps.setInt(1, fileId);
                ps.setString(2, path);
                ps.executeUpdate();
            }
        }
        return rows;
    }

    /** Empties the stages for the next file. */
    void reset() throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (Stage s : used) {
                s.appender.close();
                s.appender = null;
                st.execute("DELETE FROM temp.main." + s.table);
            }
            if (badLines != null) {
                badLines.close();
                badLines = null;
            }
            st.execute("DELETE FROM temp.main.stage_bad_lines");
        }
        used.clear();
        badLineCount = 0;
    }

    @Override
    public void close() throws SQLException {
        for (Stage s : stages.values()) {
            if (s.appender != null) {
                s.appender.close();
            }
        }
        if (badLines != null) {
            badLines.close();
        }
    }
}
