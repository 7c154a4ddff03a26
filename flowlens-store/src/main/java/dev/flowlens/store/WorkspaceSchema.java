package dev.flowlens.store;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables of a workspace.
 *
 * <ul>
 *   <li>{@code flows} (a view, read it): one row per record; {@code file_id} and {@code line} locate
 *       it in its source file, {@code log_stream} is the CloudWatch stream it came from (null for S3
 *       files), then one column per known field named as Athena names it ({@code interface_id},
 *       {@code log_status}, ...; quote them: {@code "end"}), then {@code x_*} text columns for unknown
 *       header fields. Absent values ({@code -}) are NULL. {@code start}/{@code end} are Unix seconds.
 *   <li>{@code flow_records} (the table behind it, write it): the same columns, but only those of
 *       fields some loaded format has; {@code flows} shows NULL for the others. DuckDB's insert cost
 *       grows with the column count, so a workspace of v2 records stays 17 columns wide. To insert rows
 *       directly (benchmarks), call {@link #ensureColumns} for the fields, then insert into
 *       {@code flow_records}.
 *   <li>{@code files}: the catalog of loaded files, recognised by content ({@code sha256}).
 *   <li>{@code bad_lines}: every line that could not be read, located.
 * </ul>
 */
public final class WorkspaceSchema {
    private WorkspaceSchema() {
    }

    public static final int VERSION = 2;
    public static final String RECORDS_TABLE = "flow_records";

    public static String sqlType(FieldType type) {
        switch (type) {
            case INT:
                return "INTEGER";
            case LONG:
            case EPOCH_SECONDS:
                return "BIGINT";
            case ADDRESS:
            case TEXT:
                return "VARCHAR";
            default:
                throw new AssertionError(type);
        }
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The statements that create a new workspace (each idempotent). */
    public static List<String> createStatements() {
        List<String> s = new ArrayList<>();
        s.add("CREATE TABLE IF NOT EXISTS flowlens_meta (key VARCHAR PRIMARY KEY, value VARCHAR)");
        s.add("CREATE SEQUENCE IF NOT EXISTS file_ids START 1");
        s.add("CREATE TABLE IF NOT EXISTS files ("
                + "file_id INTEGER PRIMARY KEY, sha256 VARCHAR NOT NULL UNIQUE, path VARCHAR NOT NULL, size BIGINT, mtime BIGINT, "
                + "kind VARCHAR, container VARCHAR, formats VARCHAR, account_id VARCHAR, region VARCHAR, flow_log_id VARCHAR, "
                + "file_time BIGINT, key_layout VARCHAR, records BIGINT, bad_lines BIGINT, status VARCHAR, error VARCHAR, "
                + "loaded_at TIMESTAMP DEFAULT current_timestamp)");
        s.add("CREATE TABLE IF NOT EXISTS bad_lines (file_id INTEGER, path VARCHAR, line BIGINT, field VARCHAR, reason VARCHAR, text VARCHAR)");
        StringBuilder records = new StringBuilder("CREATE TABLE IF NOT EXISTS " + RECORDS_TABLE
                + " (file_id INTEGER, line BIGINT, log_stream VARCHAR");
        for (FlowField f : FlowField.values()) {
            if (f.version() == 2) {
                records.append(", ").append(quote(f.column())).append(' ').append(sqlType(f.type()));
            }
        }
        records.append(')');
        s.add(records.toString());
        s.add("INSERT INTO flowlens_meta VALUES ('schema_version', '" + VERSION + "') ON CONFLICT DO NOTHING");
        return s;
    }

    /** The columns {@code flow_records} has now, in table order. */
    public static List<String> recordColumns(Connection c) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position")) {
            ps.setString(1, RECORDS_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }

    /**
     * Adds the columns of these fields and extra ({@code x_*}) names to {@code flow_records} when
     * missing, and rebuilds the {@code flows} view. Call outside a transaction that writes records.
     */
    public static synchronized void ensureColumns(Connection c, Collection<FlowField> fields, Collection<String> extraColumns)
            throws SQLException {
        Set<String> have = new HashSet<>(recordColumns(c));
        boolean changed = false;
        try (Statement st = c.createStatement()) {
            for (FlowField f : fields) {
                if (!have.contains(f.column())) {
                    st.execute("ALTER TABLE " + RECORDS_TABLE + " ADD COLUMN IF NOT EXISTS " + quote(f.column()) + " " + sqlType(f.type()));
                    changed = true;
                }
            }
            for (String x : extraColumns) {
                if (!x.matches("x_[a-z0-9_]+")) {
                    throw new IllegalArgumentException("not an extra column name: " + x);
                }
                if (!have.contains(x)) {
                    st.execute("ALTER TABLE " + RECORDS_TABLE + " ADD COLUMN IF NOT EXISTS " + quote(x) + " VARCHAR");
                    changed = true;
                }
            }
        }
        if (changed || !viewExists(c)) {
            refreshView(c);
        }
    }

    private static boolean viewExists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'flows' AND table_schema = 'main'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** (Re)creates the {@code flows} view: every known field (NULL where not loaded) and the extra columns. */
    public static void refreshView(Connection c) throws SQLException {
        List<String> have = recordColumns(c);
        StringBuilder v = new StringBuilder("CREATE OR REPLACE VIEW flows AS SELECT file_id, line, log_stream");
        for (FlowField f : FlowField.values()) {
            if (have.contains(f.column())) {
                v.append(", ").append(quote(f.column()));
            } else {
                v.append(", CAST(NULL AS ").append(sqlType(f.type())).append(") AS ").append(quote(f.column()));
            }
        }
        for (String col : have) {
            if (col.startsWith("x_")) {
                v.append(", ").append(quote(col));
            }
        }
        v.append(" FROM ").append(RECORDS_TABLE);
        try (Statement st = c.createStatement()) {
            st.execute(v.toString());
        }
    }
}
