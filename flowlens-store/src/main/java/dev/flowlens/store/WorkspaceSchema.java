package dev.flowlens.store;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.store.sql.AddressSql;
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
 *       Addresses are text.
 *   <li>{@code flow_rows} (a view for Flowlens's own queries): {@code flows} plus the row id
 *       ({@code flowlens_rowid}) and each address field's two stored columns
 *       ({@link AddressSql}: {@code srcaddr_v4} as a number, {@code srcaddr_text}), which compare
 *       much faster than the text {@code flows} shows.
 *   <li>{@code flow_records} (the table behind them, write it): the columns of the fields some
 *       loaded format has ({@code flows} shows NULL for the others), addresses as their two columns.
 *       DuckDB's insert cost grows with the column count, so a workspace of v2 records stays 19
 *       columns wide. To insert rows directly (benchmarks), call {@link #ensureColumns} for the
 *       fields, then insert into {@code flow_records} ({@link AddressSql#parseV4} and
 *       {@link AddressSql#keepText} turn address text into the two columns).
 *   <li>{@code files}: the catalog of loaded files, recognised by content ({@code sha256}).
 *   <li>{@code bad_lines}: every line that could not be read, located.
 * </ul>
 */
public final class WorkspaceSchema {
    private WorkspaceSchema() {}

    /** 3: addresses stored as {@code _v4} numbers and {@code _text} (2 kept them as text). */
    public static final int VERSION = 3;

    public static final String RECORDS_TABLE = "flow_records";

    public static String sqlType(FieldType type) {
        return switch (type) {
            case INT -> "INTEGER";
            case LONG, EPOCH_SECONDS -> "BIGINT";
            case ADDRESS, TEXT -> "VARCHAR"; // ADDRESS: the view's type; stored as two columns, see physicalColumns
        };
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The stored columns of a field, name and SQL type: one, or two for an address. */
    public static List<String[]> physicalColumns(FlowField f) {
        if (f.type() == FieldType.ADDRESS) {
            return List.of(
                    new String[] {AddressSql.v4(f.column()), "UINTEGER"},
                    new String[] {AddressSql.text(f.column()), "VARCHAR"});
        }
        return List.<String[]>of(new String[] {f.column(), sqlType(f.type())});
    }

    /** The stored column that tells whether the table has a field (the first of its columns). */
    public static String presenceColumn(FlowField f) {
        return physicalColumns(f).get(0)[0];
    }

    /**
     * SQL that inserts into {@code flow_records} the rows of {@code query}, whose columns are
     * {@code columns} named as in {@code flows} (addresses as text, split here into their stored
     * columns). For benchmarks and tests that build workspaces in SQL; names are Flowlens's own.
     */
    public static String insertAsFlows(List<String> columns, String query) {
        List<String> targets = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String col : columns) {
            FlowField f = FlowField.byName(col).orElse(null);
            if (f != null && f.type() == FieldType.ADDRESS) {
                targets.add(quote(AddressSql.v4(f.column())) + ", " + quote(AddressSql.text(f.column())));
                values.add(AddressSql.storedValues("q." + quote(col), null));
            } else {
                targets.add(quote(col));
                values.add("q." + quote(col));
            }
            names.add(quote(col));
        }
        return "INSERT INTO " + RECORDS_TABLE + " (" + String.join(", ", targets) + ") SELECT "
                + String.join(", ", values) + " FROM (" + query + ") q(" + String.join(", ", names) + ")";
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
                + "loaded_at TIMESTAMP DEFAULT current_timestamp, version VARCHAR)");
        // the source's version tag of a file (an S3 ETag); workspaces written before it get the column here
        s.add("ALTER TABLE files ADD COLUMN IF NOT EXISTS version VARCHAR");
        // the records a file was loaded with (RecordSelection.text(): windows and ENIs; NULL: every record)
        s.add("ALTER TABLE files ADD COLUMN IF NOT EXISTS selection VARCHAR");
        // where a remote source's listings start next time (S3 StartAfter keys, per listed prefix), for ingest --new
        s.add(
                "CREATE TABLE IF NOT EXISTS source_cursors (source VARCHAR NOT NULL, prefix VARCHAR NOT NULL, start_after VARCHAR NOT NULL, "
                        + "updated_at TIMESTAMP DEFAULT current_timestamp, PRIMARY KEY (source, prefix))");
        // the CloudWatch Logs events in the workspace, one row per event id, with the input (files.file_id) that holds
        // them, written in the transaction that commits the input (CloudWatchEvents; workspaces whose rows named the
        // input by location are upgraded there). Ids are unique by construction: the loader leaves out ids it holds
        s.add("CREATE TABLE IF NOT EXISTS cloudwatch_events (event_id VARCHAR NOT NULL, log_group VARCHAR NOT NULL, "
                + "event_time BIGINT NOT NULL, file_id INTEGER)");
        s.add(
                "CREATE TABLE IF NOT EXISTS bad_lines (file_id INTEGER, path VARCHAR, line BIGINT, field VARCHAR, reason VARCHAR, text VARCHAR)");
        StringBuilder records = new StringBuilder(
                "CREATE TABLE IF NOT EXISTS " + RECORDS_TABLE + " (file_id INTEGER, line BIGINT, log_stream VARCHAR");
        for (FlowField f : FlowField.values()) {
            if (f.inVpcVersion(2)) {
                for (String[] c : physicalColumns(f)) {
                    records.append(", ").append(quote(c[0])).append(' ').append(c[1]);
                }
            }
        }
        records.append(')');
        s.add(records.toString());
        s.add("INSERT INTO flowlens_meta VALUES ('schema_version', '" + VERSION + "') ON CONFLICT DO NOTHING");
        return s;
    }

    /** The columns {@code flow_records} has now, in table order. */
    public static List<String> recordColumns(Connection c) throws SQLException {
        return new ArrayList<>(recordColumnTypes(c).keySet());
    }

    /** The columns {@code flow_records} has now with their SQL types, in table order. */
    public static java.util.LinkedHashMap<String, String> recordColumnTypes(Connection c) throws SQLException {
        java.util.LinkedHashMap<String, String> cols = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                        + " AND table_schema = 'main' ORDER BY ordinal_position")) {
            ps.setString(1, RECORDS_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return cols;
    }

    /**
     * Adds the columns of these fields and extra ({@code x_*}) names to {@code flow_records} when
     * missing, and rebuilds the {@code flows} view. Call outside a transaction that writes records.
     */
    public static synchronized void ensureColumns(
            Connection c, Collection<FlowField> fields, Collection<String> extraColumns) throws SQLException {
        Set<String> have = new HashSet<>(recordColumns(c));
        boolean changed = false;
        try (Statement st = c.createStatement()) {
            for (FlowField f : fields) {
                for (String[] col : physicalColumns(f)) {
                    if (!have.contains(col[0])) {
                        st.execute("ALTER TABLE " + RECORDS_TABLE + " ADD COLUMN IF NOT EXISTS " + quote(col[0]) + " "
                                + col[1]);
                        changed = true;
                    }
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
        if (changed || !viewExists(c, "flows") || !viewExists(c, ROWS_VIEW)) {
            refreshView(c);
        }
    }

    /** The view behind Flowlens's own queries: {@code flows} plus row id and stored address columns. */
    public static final String ROWS_VIEW = "flow_rows";

    private static boolean viewExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The address fields, whose stored columns {@code flow_rows} shows beside their text. */
    public static List<FlowField> addressFields() {
        List<FlowField> out = new ArrayList<>();
        for (FlowField f : FlowField.values()) {
            if (f.type() == FieldType.ADDRESS) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * What Logs Insights queries read: {@code flow_rows}, where a {@code stats ... by} an address
     * groups on its stored number and text and renders the text once per group.
     */
    public static dev.flowlens.core.insights.FieldStorage insightsStorage() {
        java.util.Map<FlowField, dev.flowlens.core.insights.FieldStorage.GroupKey> keys =
                new java.util.EnumMap<>(FlowField.class);
        for (FlowField f : addressFields()) {
            String v4 = quote(AddressSql.v4(f.column()));
            String text = quote(AddressSql.text(f.column()));
            keys.put(
                    f,
                    new dev.flowlens.core.insights.FieldStorage.GroupKey(
                            List.of(v4, text),
                            cols -> AddressSql.display(cols.get(0), cols.get(1)),
                            new dev.flowlens.core.insights.FieldStorage.AddressColumns(v4, text)));
        }
        return new dev.flowlens.core.insights.FieldStorage(ROWS_VIEW, keys);
    }

    /** (Re)creates the {@code flows} and {@code flow_rows} views from the table's columns. */
    public static void refreshView(Connection c) throws SQLException {
        List<String> have = recordColumns(c);
        StringBuilder v = new StringBuilder("SELECT file_id, line, log_stream");
        for (FlowField f : FlowField.values()) {
            if (!have.contains(presenceColumn(f))) {
                v.append(", CAST(NULL AS ")
                        .append(sqlType(f.type()))
                        .append(") AS ")
                        .append(quote(f.column()));
            } else if (f.type() == FieldType.ADDRESS) {
                v.append(", ")
                        .append(AddressSql.display(
                                quote(AddressSql.v4(f.column())), quote(AddressSql.text(f.column()))))
                        .append(" AS ")
                        .append(quote(f.column()));
            } else {
                v.append(", ").append(quote(f.column()));
            }
        }
        for (String col : have) {
            if (col.startsWith("x_")) {
                v.append(", ").append(quote(col));
            }
        }
        StringBuilder rows = new StringBuilder(v).append(", rowid AS flowlens_rowid");
        for (FlowField f : addressFields()) {
            boolean present = have.contains(presenceColumn(f));
            for (String[] col : physicalColumns(f)) {
                rows.append(", ").append(present ? quote(col[0]) : "CAST(NULL AS " + col[1] + ") AS " + quote(col[0]));
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE VIEW flows AS " + v + " FROM " + RECORDS_TABLE);
            st.execute("CREATE OR REPLACE VIEW " + ROWS_VIEW + " AS " + rows + " FROM " + RECORDS_TABLE);
        }
    }

    /** The schema version a workspace records (this version's when it records none). */
    static int storedVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT value FROM flowlens_meta WHERE key = 'schema_version'")) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : VERSION;
        }
    }

    /**
     * Upgrades a workspace written by an older Flowlens in place, in one transaction: schema 2 kept
     * addresses as text in one column each; they move to their two stored columns. Returns true when
     * something changed.
     */
    public static boolean migrate(Connection c) throws SQLException {
        if (storedVersion(c) >= VERSION) {
            return false;
        }
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                // a new table in the new layout replaces the old one (DuckDB does not let a
                // transaction that altered a table also update it)
                StringBuilder select = new StringBuilder();
                for (String col : recordColumns(c)) {
                    FlowField f = FlowField.byName(col)
                            .filter(x -> x.column().equals(col))
                            .orElse(null);
                    select.append(select.length() == 0 ? "" : ", ");
                    if (f != null && f.type() == FieldType.ADDRESS) {
                        select.append(AddressSql.storedValues(quote(col), col));
                    } else {
                        select.append(quote(col));
                    }
                }
                st.execute("DROP VIEW IF EXISTS flows");
                st.execute("DROP VIEW IF EXISTS " + ROWS_VIEW);
                st.execute("CREATE TABLE flow_records_upgrade AS SELECT " + select + " FROM " + RECORDS_TABLE
                        + " ORDER BY rowid");
                st.execute("DROP TABLE " + RECORDS_TABLE);
                st.execute("ALTER TABLE flow_records_upgrade RENAME TO " + RECORDS_TABLE);
                st.execute("UPDATE flowlens_meta SET value = '" + VERSION + "' WHERE key = 'schema_version'");
                refreshView(c);
                st.execute("COMMIT");
            } catch (SQLException e) {
                try (Statement rollback = c.createStatement()) {
                    rollback.execute("ROLLBACK");
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        }
        return true;
    }
}
