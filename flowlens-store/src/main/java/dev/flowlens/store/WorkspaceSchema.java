package dev.flowlens.store;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a workspace.
 *
 * <ul>
 *   <li>{@code flows}: one row per record; {@code file_id} and {@code line} locate it in its source
 *       file, {@code log_stream} is the CloudWatch stream it came from (null for S3 files), then one
 *       column per known field named as Athena names it ({@code interface_id}, {@code log_status},
 *       ...; quote them: {@code "end"}), then {@code x_*} text columns for unknown header fields.
 *       Absent values ({@code -}) are NULL. {@code start}/{@code end} are Unix seconds.
 *   <li>{@code files}: the catalog of loaded files, recognised by content ({@code sha256}).
 *   <li>{@code bad_lines}: every line that could not be read, located.
 * </ul>
 */
public final class WorkspaceSchema {
    private WorkspaceSchema() {
    }

    public static final int VERSION = 1;

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
        StringBuilder flows = new StringBuilder("CREATE TABLE IF NOT EXISTS flows (file_id INTEGER, line BIGINT, log_stream VARCHAR");
        for (FlowField f : FlowField.values()) {
            flows.append(", ").append(quote(f.column())).append(' ').append(sqlType(f.type()));
        }
        flows.append(')');
        s.add(flows.toString());
        s.add("INSERT INTO flowlens_meta VALUES ('schema_version', '" + VERSION + "') ON CONFLICT DO NOTHING");
        return s;
    }
}
