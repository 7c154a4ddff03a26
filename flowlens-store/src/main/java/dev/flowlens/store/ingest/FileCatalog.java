package dev.flowlens.store.ingest;

import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.core.s3.S3ObjectKey;
import dev.flowlens.store.FlowRollup;
import dev.flowlens.store.Jdbc;
import dev.flowlens.store.WorkspaceSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/** The catalog of loaded files ({@code files}) as the ingest reads and writes it, inside the caller's transaction. */
final class FileCatalog {
    private FileCatalog() {}

    /** A file's row in the catalog, with the records it was loaded with. */
    record CatalogEntry(int fileId, long size, long mtime, String sha256, String version, RecordSelection selection) {}

    /** The catalog row of {@code path}, or null. */
    static CatalogEntry entry(Connection c, String path) throws SQLException {
        return entryWhere(c, "path", path);
    }

    /** The catalog row holding content {@code sha256} (there is at most one), or null. */
    static CatalogEntry entryOfContent(Connection c, String sha256) throws SQLException {
        return entryWhere(c, "sha256", sha256);
    }

    private static CatalogEntry entryWhere(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT file_id, size, mtime, sha256, version, selection FROM files WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? new CatalogEntry(
                                rs.getInt(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getString(4),
                                rs.getString(5),
                                RecordSelection.parse(rs.getString(6)))
                        : null;
            }
        }
    }

    /** A new file id. */
    static int nextFileId(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT nextval('file_ids')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Removes a file's records, bad lines and catalog row (inside the caller's transaction). */
    static void deleteFile(Connection c, int fileId) throws SQLException {
        FlowRollup.removeFile(c, fileId);
        for (String table : List.of(WorkspaceSchema.RECORDS_TABLE, "bad_lines", "files")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE file_id = ?")) {
                ps.setInt(1, fileId);
                ps.executeUpdate();
            }
        }
    }

    static void insertFileRow(
            Connection c,
            int fileId,
            String sha256,
            String path,
            long size,
            long mtime,
            String version,
            String kind,
            String container,
            String formats,
            S3ObjectKey key,
            long records,
            long badLines,
            String status,
            String error,
            RecordSelection selection)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO files (file_id, sha256, path, size, mtime, kind, container, formats, account_id, region, "
                        + "flow_log_id, file_time, key_layout, records, bad_lines, status, error, version, selection) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Arrays.asList(
                        fileId,
                        sha256,
                        path,
                        size,
                        mtime,
                        kind,
                        container,
                        formats,
                        key.accountId(),
                        key.region(),
                        key.flowLogId(),
                        key.fileTime(),
                        key.layout().name(),
                        records,
                        badLines,
                        status,
                        error,
                        version,
                        selection.text()));
        FlowRollup.addFile(c, fileId);
    }
}
