package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.record.RecordBatch;
import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.sql.AddressSql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes one file's records into {@code flow_records} (and its bad lines into {@code bad_lines})
 * inside the file's transaction. Records are copied into a column buffer in the table's column
 * order, and the buffer goes in with {@code INSERT INTO flow_records SELECT * FROM
 * flowlens_feed(token)}: a Java table function that hands DuckDB the buffered columns a vector at a
 * time. That is DuckDB's own insert path, about three times faster per row than its appender
 * (whose every 2048 rows went through a full append of their own). A format maps once onto the
 * table's columns; columns the format lacks get NULL. A format with fields the table has no
 * column for raises {@link MissingColumns}: the caller rolls back, adds them, and reads again.
 */
final class RecordWriter implements AutoCloseable {
    private static final int FILE_ID = -1;
    private static final int LINE = -2;
    private static final int LOG_STREAM = -3;
    private static final int ABSENT = -4;

    /** Rows buffered before they go into the table (the last ones of a file go at {@link #finish}). */
    static final int BUFFER_ROWS = 1 << 16;

    /** Stored column kinds. */
    static final byte K_INT = 0;

    static final byte K_LONG = 1;
    static final byte K_UINT = 2;
    static final byte K_TEXT = 3;

    /** Which stored column of an address field a table column is (0 for a column of its own). */
    private static final byte ADDRESS_V4 = 1;

    private static final byte ADDRESS_TEXT = 2;

    private record Mapping(int[] positions, byte[] parts) {}

    private final DuckDBConnection connection;
    private final RecordFeed feed;
    private final Map<FlowFormat, Mapping> mappings = new HashMap<>();
    private List<String> tableColumns;
    private Buffer buffer;
    private DuckDBAppender badLines;
    private int fileId;
    private String path;
    private RecordSelection selection = RecordSelection.ALL;
    private final Map<FlowFormat, RecordSelection.RowTest> rowTests = new HashMap<>();
    private long leftOut;

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

    /** A writer on a connection of the database where {@code feed} is registered. */
    RecordWriter(DuckDBConnection connection, RecordFeed feed) {
        this.connection = connection;
        this.feed = feed;
    }

    /** Starts a file that keeps the records {@code kept} selects; call inside its transaction. */
    void begin(int newFileId, String newPath, RecordSelection kept) throws SQLException {
        this.fileId = newFileId;
        this.path = newPath;
        this.selection = kept;
        this.leftOut = 0;
        rowTests.clear();
        Map<String, String> types = WorkspaceSchema.recordColumnTypes(connection);
        List<String> columns = new ArrayList<>(types.keySet());
        if (!columns.equals(tableColumns) || buffer == null) {
            tableColumns = columns;
            byte[] kinds = new byte[columns.size()];
            for (int c = 0; c < kinds.length; c++) {
                kinds[c] = kindOf(types.get(columns.get(c)));
            }
            buffer = new Buffer(columns, kinds, BUFFER_ROWS);
        }
        buffer.clear();
        mappings.clear();
    }

    private static byte kindOf(String sqlType) {
        switch (sqlType) {
            case "INTEGER":
                return K_INT;
            case "BIGINT":
                return K_LONG;
            case "UINTEGER":
                return K_UINT;
            case "VARCHAR":
                return K_TEXT;
            default:
                throw new IllegalStateException("flow_records has a column of type " + sqlType);
        }
    }

    /** Buffers the batch's records the file's selection keeps (runs of kept rows are copied whole). */
    void append(RecordBatch batch) throws SQLException {
        FlowFormat format = batch.format();
        Mapping mapping = mappings.get(format);
        if (mapping == null) {
            mapping = mapping(format);
            mappings.put(format, mapping);
        }
        int size = batch.size();
        if (selection.isAll()) {
            appendRows(batch, 0, size, mapping);
            return;
        }
        RecordSelection.RowTest test = rowTests.computeIfAbsent(format, selection::rowTest);
        int row = 0;
        while (row < size) {
            int kept = row;
            while (row < size && test.keeps(batch, row)) {
                row++;
            }
            appendRows(batch, kept, row, mapping);
            int dropped = row;
            while (row < size && !test.keeps(batch, row)) {
                row++;
            }
            leftOut += row - dropped;
        }
    }

    /** The records of the current file its selection left out so far. */
    long leftOut() {
        return leftOut;
    }

    private void appendRows(RecordBatch batch, int first, int end, Mapping mapping) throws SQLException {
        int from = first;
        while (from < end) {
            if (buffer.rows == buffer.capacity) {
                flush();
            }
            int n = Math.min(end - from, buffer.capacity - buffer.rows);
            copy(batch, from, n, mapping);
            from += n;
        }
    }

    /** Copies rows {@code [from, from + n)} of a batch into the buffer, column by column. */
    private void copy(RecordBatch batch, int from, int n, Mapping mapping) {
        Buffer buf = buffer;
        int at = buf.rows;
        int[] map = mapping.positions();
        byte[] parts = mapping.parts();
        for (int c = 0; c < map.length; c++) {
            int col = map[c];
            boolean[] nulls = buf.nulls[c];
            long[] nums = buf.numbers[c];
            String[] texts = buf.texts[c];
            if (col == FILE_ID) {
                for (int r = 0; r < n; r++) {
                    nums[at + r] = fileId;
                    nulls[at + r] = false;
                }
            } else if (col == LINE) {
                for (int r = 0; r < n; r++) {
                    nums[at + r] = batch.line(from + r);
                    nulls[at + r] = false;
                }
            } else if (col == LOG_STREAM) {
                for (int r = 0; r < n; r++) {
                    String stream = batch.logStream(from + r);
                    texts[at + r] = stream;
                    nulls[at + r] = stream == null;
                }
            } else if (col == ABSENT) {
                for (int r = 0; r < n; r++) {
                    nulls[at + r] = true;
                }
            } else if (parts[c] == ADDRESS_V4) {
                for (int r = 0; r < n; r++) {
                    boolean v4 = batch.isIpv4(col, from + r);
                    nums[at + r] = v4 ? batch.number(col, from + r) : 0;
                    nulls[at + r] = !v4;
                }
            } else if (parts[c] == ADDRESS_TEXT) {
                for (int r = 0; r < n; r++) {
                    boolean text = !batch.isNull(col, from + r) && !batch.isIpv4(col, from + r);
                    texts[at + r] = text ? batch.text(col, from + r) : null;
                    nulls[at + r] = !text;
                }
            } else if (texts != null) {
                for (int r = 0; r < n; r++) {
                    boolean absent = batch.isNull(col, from + r);
                    texts[at + r] = absent ? null : batch.text(col, from + r);
                    nulls[at + r] = absent;
                }
            } else {
                for (int r = 0; r < n; r++) {
                    boolean absent = batch.isNull(col, from + r);
                    nums[at + r] = absent ? 0 : batch.number(col, from + r);
                    nulls[at + r] = absent;
                }
            }
        }
        buf.rows += n;
    }

    /** Inserts the buffered rows into the table (inside the caller's transaction) and empties the buffer. */
    private void flush() throws SQLException {
        if (buffer == null || buffer.rows == 0) {
            return;
        }
        long token = feed.lend(buffer);
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO " + WorkspaceSchema.RECORDS_TABLE + " SELECT * FROM " + feed.name() + "(?)")) {
            ps.setLong(1, token);
            long inserted = ps.executeUpdate();
            if (inserted != buffer.rows) {
                throw new SQLException("inserted " + inserted + " of " + buffer.rows + " buffered records");
            }
        } finally {
            feed.giveBack(token);
        }
        buffer.clear();
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

    /** Writes what was appended into the transaction; call before commit. */
    void finish() throws SQLException {
        flush();
        if (badLines != null) {
            badLines.close();
            badLines = null;
        }
    }

    /** Drops what is buffered (the caller rolls back). */
    void abandon() {
        if (buffer != null) {
            buffer.clear();
        }
        if (badLines != null) {
            try {
                badLines.close();
            } catch (SQLException ignored) {
                // the transaction is rolled back anyway
            }
            badLines = null;
        }
    }

    @Override
    public void close() {
        abandon();
    }

    /** Buffered rows by table column: numbers or text, and which are NULL. */
    static final class Buffer {
        final List<String> columns;
        final byte[] kinds;
        final int capacity;
        final long[][] numbers;
        final String[][] texts;
        final boolean[][] nulls;
        /** The UTF-8 bytes of texts seen (interface ids, actions, ...), kept while the columns stay the same. */
        final Map<String, byte[]> utf8 = new HashMap<>();

        int rows;

        Buffer(List<String> columns, byte[] kinds, int capacity) {
            this.columns = List.copyOf(columns);
            this.kinds = kinds;
            this.capacity = capacity;
            int n = kinds.length;
            numbers = new long[n][];
            texts = new String[n][];
            nulls = new boolean[n][capacity];
            for (int c = 0; c < n; c++) {
                if (kinds[c] == K_TEXT) {
                    texts[c] = new String[capacity];
                } else {
                    numbers[c] = new long[capacity];
                }
            }
        }

        void clear() {
            if (utf8.size() > 100_000) {
                utf8.clear();
            }
            for (String[] t : texts) {
                if (t != null) {
                    Arrays.fill(t, 0, rows, null);
                }
            }
            rows = 0;
        }
    }
}
