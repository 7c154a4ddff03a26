package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.core.s3.S3ObjectKey;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.sql.AddressSql;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Loads a Parquet file as AWS delivers it (underscore column names) with DuckDB's reader. Producers
 * differ in physical types (INT32 or INT64, ports as strings, {@code "None"}), so every column is
 * read by name and converted: {@code -}, {@code None}, {@code null} and empty text are absent;
 * numbers written as text or as floats with no fraction are accepted; a row with a value that is
 * not a number where one is expected goes to {@code bad_lines} with its row number, not to flows.
 */
final class ParquetLoader {
    private final DuckDBConnection connection;

    ParquetLoader(DuckDBConnection connection) {
        this.connection = connection;
    }

    private record Column(String source, FormatField field) {}

    /**
     * Loads a Parquet input in its own transaction: {@code in.path()} is its location as the catalog
     * records it, {@code readFrom} a local file with its bytes; {@code in.replaces()} are the catalog
     * ids of an older version of the same location (or another copy of the content) whose rows go in
     * the same transaction; only the records {@code in.selection()} keeps are loaded.
     */
    FileResult load(Candidate in, Path readFrom, boolean strict) throws SQLException {
        String file = in.path();
        String local = readFrom.toString();
        List<Column> columns;
        try {
            columns = columnsOf(local);
        } catch (SQLException e) {
            return new FileResult(
                    file,
                    FileResult.Status.FAILED,
                    0,
                    0,
                    in.size(),
                    "cannot read Parquet: " + Workspace.firstLine(e.getMessage()));
        }
        requireColumns(columns);
        Conversion c = conversion(columns);
        return write(in, local, strict, c);
    }

    /** The Parquet file's columns, each with the flow log field it holds (or an unknown one). */
    private List<Column> columnsOf(String local) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM read_parquet(?) LIMIT 0")) {
            ps.setString(1, local);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnName(i);
                    FormatField f =
                            FlowField.byName(name).map(FormatField::known).orElse(FormatField.unknown(name));
                    columns.add(new Column(name, f));
                }
            }
        }
        return columns;
    }

    /** Throws {@link RecordWriter.MissingColumns} when the workspace lacks columns the file has. */
    private void requireColumns(List<Column> columns) throws SQLException {
        java.util.Set<FlowField> known = java.util.EnumSet.noneOf(FlowField.class);
        List<String> extras = new ArrayList<>();
        for (Column c : columns) {
            if (c.field().isKnown()) {
                known.add(c.field().field());
            } else {
                extras.add(c.field().column());
            }
        }
        List<String> have = WorkspaceSchema.recordColumns(connection);
        known.removeIf(f -> have.contains(WorkspaceSchema.presenceColumn(f)));
        extras.removeIf(have::contains);
        if (!known.isEmpty() || !extras.isEmpty()) {
            // the caller adds them while no other file is being written, then reads this file again
            throw new RecordWriter.MissingColumns(known, extras);
        }
    }

    /**
     * The SQL that reads the file's columns as text, converts them to the workspace's types and flags
     * the rows holding a value that is not a whole number in range.
     *
     * @param targets the record table's columns written
     * @param values the expressions that fill them ({@code ?} is the file id)
     * @param conv the converted rows ({@code ?} is the local file), with a {@code bad} flag
     * @param badField which field of a bad row is bad
     * @param badText its text
     * @param seen the target columns, in order
     */
    private record Conversion(
            String targets, String values, String conv, String badField, String badText, List<String> seen) {}

    private static Conversion conversion(List<Column> columns) {
        StringBuilder texts = new StringBuilder("file_row_number + 1 AS line");
        StringBuilder typed = new StringBuilder("line");
        StringBuilder badAny = new StringBuilder("false");
        StringBuilder badField = new StringBuilder("CASE WHEN false THEN NULL"); // valid with no numeric column
        StringBuilder badText = new StringBuilder("CASE WHEN false THEN NULL");
        StringBuilder targets = new StringBuilder("file_id, line");
        StringBuilder values = new StringBuilder("?, line");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String target = c.field().column();
            if (seen.contains(target)) {
                continue;
            }
            seen.add(target);
            String t = "t" + i;
            texts.append(", CASE WHEN trim(CAST(")
                    .append(WorkspaceSchema.quote(c.source()))
                    .append(" AS VARCHAR)) IN ('-', 'None', 'null', 'NULL', '') THEN NULL ELSE trim(CAST(")
                    .append(WorkspaceSchema.quote(c.source()))
                    .append(" AS VARCHAR)) END AS ")
                    .append(t);
            FieldType type = c.field().isKnown() ? c.field().field().type() : FieldType.TEXT;
            String v = "v" + i;
            boolean numeric = switch (type) {
                case INT, LONG, EPOCH_SECONDS -> true;
                case ADDRESS, TEXT -> false;
            };
            if (numeric) {
                String d = "TRY_CAST(" + t + " AS DOUBLE)";
                String bad = outOfRange(c, type, t, d);
                String value = wholeNumber(type, t, d);
                typed.append(", CASE WHEN ")
                        .append(bad)
                        .append(" THEN NULL ELSE CAST(")
                        .append(value)
                        .append(" AS ")
                        .append(WorkspaceSchema.sqlType(type))
                        .append(") END AS ")
                        .append(v);
                typed.append(", ")
                        .append(bad)
                        .append(" AS b")
                        .append(i)
                        .append(", ")
                        .append(t);
                badAny.append(" OR b").append(i);
                badField.append(" WHEN b")
                        .append(i)
                        .append(" THEN '")
                        .append(c.field().name().replace("'", "''"))
                        .append("'");
                badText.append(" WHEN b").append(i).append(" THEN ").append(t);
            } else {
                typed.append(", ").append(t).append(" AS ").append(v);
            }
            if (type == FieldType.ADDRESS) {
                targets.append(", ")
                        .append(WorkspaceSchema.quote(AddressSql.v4(target)))
                        .append(", ")
                        .append(WorkspaceSchema.quote(AddressSql.text(target)));
                values.append(", ").append(AddressSql.storedValues(v, null));
            } else {
                targets.append(", ").append(WorkspaceSchema.quote(target));
                values.append(", ").append(v);
            }
        }
        badField.append(" END");
        badText.append(" END");
        String conv = "(SELECT " + typed + ", (" + badAny + ") AS bad FROM (SELECT " + texts
                + " FROM read_parquet(?, file_row_number = true)) src) conv";
        return new Conversion(
                targets.toString(), values.toString(), conv, badField.toString(), badText.toString(), seen);
    }

    /** True where a numeric column's text is not a whole number in the range of its type. */
    private static String outOfRange(Column c, FieldType type, String t, String d) {
        String max = type == FieldType.INT ? "2147483647" : "9.2e18";
        if (c.field().field() == FlowField.SRCPORT || c.field().field() == FlowField.DSTPORT) {
            max = "65535";
        }
        return "(" + t + " IS NOT NULL AND (" + d + " IS NULL OR " + d + " <> floor(" + d + ") OR " + d + " < 0 OR " + d
                + " > " + max + "))";
    }

    /** A numeric column's value: exact for whole numbers up to Long.MAX_VALUE, through DOUBLE only for "25238.0". */
    private static String wholeNumber(FieldType type, String t, String d) {
        String value = "coalesce(TRY_CAST(" + t + " AS BIGINT), CAST(" + d + " AS BIGINT))";
        if (type != FieldType.EPOCH_SECONDS) {
            return value;
        }
        // TimeParser.epochSeconds: milli-, micro- and nanoseconds become seconds
        return "CASE WHEN " + value + " >= 100000000000000000 THEN " + value + " // 1000000000 WHEN " + value
                + " >= 100000000000000 THEN " + value + " // 1000000 WHEN " + value + " >= 100000000000 THEN " + value
                + " // 1000 ELSE " + value + " END";
    }

    /** Writes the converted rows, the bad rows and the catalog row in one transaction. */
    private FileResult write(Candidate in, String local, boolean strict, Conversion c) throws SQLException {
        String file = in.path();
        String conv = c.conv();
        List<String> seen = c.seen();
        S3ObjectKey key = S3ObjectKey.parse(in.path());
        connection.setAutoCommit(false);
        boolean ended = false;
        try {
            for (Integer replaced : in.replaces()) {
                FileCatalog.deleteFile(connection, replaced);
            }
            int fileId;
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT nextval('file_ids')")) {
                rs.next();
                fileId = rs.getInt(1);
            }
            long bad = insertBadRows(fileId, in.path(), local, c);
            if (bad > 0 && strict) {
                connection.rollback();
                ended = true;
                throw new dev.flowlens.core.error.FlowlensException(
                        dev.flowlens.core.error.ErrorCode.BAD_LINE_STRICT,
                        "stopped at the first bad line (--strict): " + in.path()
                                + ": a Parquet row holds a value that is not a whole number");
            }
            long records;
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + WorkspaceSchema.RECORDS_TABLE
                    + " (" + c.targets() + ") SELECT " + c.values() + " FROM " + conv + " WHERE NOT bad")) {
                ps.setInt(1, fileId);
                ps.setString(2, local);
                records = ps.executeUpdate();
            }
            long leftOut = leaveOut(fileId, in.selection());
            records -= leftOut;
            String formats = String.join(" ", seen).replace('_', '-');
            FileCatalog.insertFileRow(
                    connection,
                    fileId,
                    in.sha256(),
                    in.path(),
                    in.size(),
                    in.mtime(),
                    in.input().version(),
                    "PARQUET",
                    null,
                    formats,
                    key,
                    records,
                    bad,
                    FileResult.Status.LOADED.name(),
                    null,
                    in.selection());
            connection.commit();
            ended = true;
            return new FileResult(file, FileResult.Status.LOADED, records, bad, in.size(), null, leftOut);
        } catch (SQLException e) {
            if (StoreFailures.classify(e) != null || StoreFailures.isTransactionConflict(e)) {
                throw e; // not this file's fault: the caller rolls back
            }
            connection.rollback(); // if this fails, the caller replaces the connection
            ended = true;
            return new FileResult(
                    file,
                    FileResult.Status.FAILED,
                    0,
                    0,
                    in.size(),
                    "cannot read Parquet: " + Workspace.firstLine(e.getMessage()));
        } finally {
            if (ended) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Writes the rows holding a value that is not a whole number in range to {@code bad_lines}; returns how many. */
    private long insertBadRows(int fileId, String path, String local, Conversion c) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO bad_lines SELECT ?, ?, line, "
                + c.badField() + ", 'not a whole number in range', " + c.badText() + " FROM " + c.conv()
                + " WHERE bad")) {
            ps.setInt(1, fileId);
            ps.setString(2, path);
            ps.setString(3, local);
            return ps.executeUpdate();
        }
    }

    /**
     * Removes the file's records {@code selection} does not keep (inside the open transaction);
     * returns how many. The rule is {@link RecordSelection#matches}, written in SQL over the stored
     * columns: a condition on a missing value is unknown, and unknown is not kept.
     */
    private long leaveOut(int fileId, RecordSelection selection) throws SQLException {
        if (selection.isAll()) {
            return 0;
        }
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        params.add(fileId);
        for (RecordSelection.Term t : selection.terms()) {
            List<String> conditions = new ArrayList<>(List.of("TRUE"));
            if (t.from() != null) {
                conditions.add("\"end\" >= ?");
                params.add(t.from());
            }
            if (t.to() != null) {
                conditions.add("start <= ?");
                params.add(t.to());
            }
            if (!t.enis().isEmpty()) {
                String marks =
                        String.join(", ", java.util.Collections.nCopies(t.enis().size(), "?"));
                conditions.add(
                        "(interface_id IN (" + marks + ") OR interface_id IS NULL AND log_stream IN (" + marks + "))");
                params.addAll(t.enis());
                params.addAll(t.enis());
            }
            terms.add("(" + String.join(" AND ", conditions) + ")");
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + WorkspaceSchema.RECORDS_TABLE
                + " WHERE file_id = ? AND NOT coalesce(" + String.join(" OR ", terms) + ", false)")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps.executeUpdate();
        }
    }
}
