package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.record.RecordBatch;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.sql.AddressSql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends one file's records straight into {@code flow_records} (and its bad lines into
 * {@code bad_lines}) through DuckDB's appender, inside the file's transaction. A format maps once
 * onto the table's columns; columns the format lacks get NULL. A format with fields the table has
 * no column for raises {@link MissingColumns}: the caller rolls back, adds them, and reads again.
 */
final class RecordWriter implements AutoCloseable {
    private static final int FILE_ID = -1;
    private static final int LINE = -2;
    private static final int LOG_STREAM = -3;
    private static final int ABSENT = -4;

    private final DuckDBConnection connection;
    /** Which stored column of an address field a table column is. */
    private static final byte WHOLE = 0;
    private static final byte ADDRESS_V4 = 1;
    private static final byte ADDRESS_TEXT = 2;

    private record Mapping(int[] positions, byte[] parts) {
    }

    private final Map<FlowFormat, Mapping> mappings = new HashMap<>();
    private List<String> tableColumns;
    private FieldType[] formatTypes;
    private DuckDBAppender records;
    private DuckDBAppender badLines;
    private int fileId;
    private String path;

    /** The format needs columns the table does not have yet. */
    static final class MissingColumns extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Set<FlowField> fields;
        final transient List<String> extras;

        MissingColumns(Set<FlowField> fields, List<String> extras) {
            super("missing columns " + fields + " " + extras, null, false, false);
            this.fields = fields;
            this.extras = extras;
        }
    }

    RecordWriter(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Starts a file; call inside its transaction. */
    void begin(int newFileId, String newPath) throws SQLException {
        this.fileId = newFileId;
        this.path = newPath;
        this.tableColumns = WorkspaceSchema.recordColumns(connection);
        mappings.clear();
    }

    void append(RecordBatch batch) throws SQLException {
        FlowFormat format = batch.format();
        Mapping mapping = mappings.get(format);
        if (mapping == null) {
            mapping = mapping(format);
            mappings.put(format, mapping);
        }
        int[] map = mapping.positions();
        byte[] parts = mapping.parts();
        if (records == null) {
            records = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, WorkspaceSchema.RECORDS_TABLE);
        }
        FieldType[] types = new FieldType[format.size()];
        for (int i = 0; i < types.length; i++) {
            FormatField f = format.get(i);
            types[i] = f.isKnown() ? f.field().type() : FieldType.TEXT;
        }
        DuckDBAppender a = records;
        int n = map.length;
        for (int row = 0; row < batch.size(); row++) {
            a.beginRow();
            for (int c = 0; c < n; c++) {
                int col = map[c];
                if (col >= 0) {
                    if (batch.isNull(col, row)) {
                        a.appendNull();
                        continue;
                    }
                    switch (types[col]) {
                        case INT:
                            a.append((int) batch.number(col, row));
                            break;
                        case LONG:
                        case EPOCH_SECONDS:
                            a.append(batch.number(col, row));
                            break;
                        case ADDRESS:
                            if (batch.isIpv4(col, row) == (parts[c] == ADDRESS_V4)) {
                                if (parts[c] == ADDRESS_V4) {
                                    a.append((int) batch.number(col, row)); // UINTEGER: the same 32 bits
                                } else {
                                    a.append(batch.text(col, row));
                                }
                            } else {
                                a.appendNull();
                            }
                            break;
                        case TEXT:
                            a.append(batch.text(col, row));
                            break;
                        default:
                            throw new AssertionError(types[col]);
                    }
                } else if (col == FILE_ID) {
                    a.append(fileId);
                } else if (col == LINE) {
                    a.append(batch.line(row));
                } else if (col == LOG_STREAM) {
                    String s = batch.logStream(row);
                    if (s == null) {
                        a.appendNull();
                    } else {
                        a.append(s);
                    }
                } else {
                    a.appendNull();
                }
            }
            a.endRow();
        }
    }

    /**
     * For each table column, the format position that fills it (or one of the markers), and for an
     * address which of its two stored columns it is.
     */
    private Mapping mapping(FlowFormat format) {
        Set<FlowField> missing = EnumSet.noneOf(FlowField.class);
        List<String> missingExtras = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < format.size(); i++) {
            FormatField f = format.get(i);
            String column = f.column();
            position.putIfAbsent(column, i); // a field named twice: the first position wins
            if (!tableColumns.contains(f.isKnown() ? WorkspaceSchema.presenceColumn(f.field()) : column)) {
                if (f.isKnown()) {
                    missing.add(f.field());
                } else {
                    missingExtras.add(column);
                }
            }
        }
        if (!missing.isEmpty() || !missingExtras.isEmpty()) {
            throw new MissingColumns(missing, missingExtras);
        }
        int[] map = new int[tableColumns.size()];
        byte[] parts = new byte[map.length];
        for (int c = 0; c < map.length; c++) {
            String name = tableColumns.get(c);
            for (FlowField f : WorkspaceSchema.addressFields()) {
                if (name.equals(AddressSql.v4(f.column()))) {
                    parts[c] = ADDRESS_V4;
                    name = f.column();
                } else if (name.equals(AddressSql.text(f.column()))) {
                    parts[c] = ADDRESS_TEXT;
                    name = f.column();
                }
            }
            switch (name) {
                case "file_id":
                    map[c] = FILE_ID;
                    break;
                case "line":
                    map[c] = LINE;
                    break;
                case "log_stream":
                    map[c] = LOG_STREAM;
                    break;
                default:
                    map[c] = position.getOrDefault(name, ABSENT);
            }
        }
        return new Mapping(map, parts);
    }

    void problem(ParseProblem p) throws SQLException {
        if (badLines == null) {
            badLines = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "bad_lines");
        }
        badLines.beginRow();
        badLines.append(fileId);
        badLines.append(path);
        badLines.append(p.line());
        if (p.field() == null) {
            badLines.appendNull();
        } else {
            badLines.append(p.field());
        }
        badLines.append(p.reason());
        badLines.append(p.text().length() > 4096 ? p.text().substring(0, 4096) : p.text());
        badLines.endRow();
    }

    /** Flushes what was appended into the transaction; call before commit. */
    void finish() throws SQLException {
        if (records != null) {
            records.close();
            records = null;
        }
        if (badLines != null) {
            badLines.close();
            badLines = null;
        }
    }

    /** Drops the appenders without flushing into a committed state (the caller rolls back). */
    void abandon() {
        try {
            finish();
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }

    @Override
    public void close() {
        abandon();
    }
}
