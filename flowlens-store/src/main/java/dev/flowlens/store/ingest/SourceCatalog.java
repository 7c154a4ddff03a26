package dev.flowlens.store.ingest;

import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.store.Transactions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the workspace remembers of a remote source between runs: the objects loaded already (so a
 * rerun neither reads nor fetches them) and the listing cursors of {@code ingest --new}.
 */
public final class SourceCatalog {
    private final Connection connection;

    public SourceCatalog(Connection connection) {
        this.connection = connection;
    }

    /**
     * The inputs whose catalog row has the same location, size, time and version tag and was loaded
     * keeping every record {@code wanted} keeps: the ingest would skip them without reading (the
     * rule of {@link Ingestor}); a caller may leave them out and save their requests.
     */
    public Set<String> unchanged(List<? extends InputFile> inputs, String locationPrefix, RecordSelection wanted)
            throws SQLException, IOException {
        Map<String, Object[]> rows = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT path, size, mtime, version, selection FROM files WHERE starts_with(path, ?)")) {
            ps.setString(1, locationPrefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (RecordSelection.parse(rs.getString(5)).covers(wanted)) {
                        rows.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getLong(3), rs.getString(4)});
                    }
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (InputFile f : inputs) {
            Object[] row = rows.get(f.location());
            if (row != null
                    && (long) row[0] == f.length()
                    && (long) row[1] == f.lastModified()
                    && (f.version() == null || Objects.equals(f.version(), row[2]))) {
                out.add(f.location());
            }
        }
        return out;
    }

    /** The cursors of a source, by listed prefix. */
    public Map<String, String> cursors(String source) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT prefix, start_after FROM source_cursors WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Stores a source's cursors (in one transaction; prefixes not named keep theirs). */
    public void saveCursors(String source, Map<String, String> cursors) throws SQLException {
        if (cursors.isEmpty()) {
            return;
        }
        Transactions.inTransaction(connection, () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO source_cursors (source, prefix, start_after) VALUES (?, ?, ?) "
                            + "ON CONFLICT (source, prefix) DO UPDATE SET start_after = excluded.start_after, updated_at = now()")) {
                for (Map.Entry<String, String> e : cursors.entrySet()) {
                    ps.setString(1, source);
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }
}
