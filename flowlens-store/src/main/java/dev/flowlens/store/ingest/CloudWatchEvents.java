package dev.flowlens.store.ingest;

import dev.flowlens.sources.cloudwatch.CloudWatchInput;
import dev.flowlens.sources.input.InputFile;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The CloudWatch Logs events of a workspace, keyed by event id, so that no event is loaded twice.
 * As an {@link InputCompanion} of the {@link Ingestor} it writes each {@link CloudWatchInput}'s event
 * ids with the input's {@code file_id} in the transaction that commits the input's records and
 * catalog row, so an id is in the table exactly when its record is in the workspace: a run killed
 * at any moment leaves no id without its record, nor a record without its id. {@link #prune()}
 * drops the ids of inputs whose catalog row went away since (a file removed by {@code check --repair}),
 * so that those events load again.
 */
public final class CloudWatchEvents implements InputCompanion {
    private final DuckDBConnection connection;

    /** @param connection the workspace connection the lookups run on (the journal uses the loader's) */
    public CloudWatchEvents(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Drops the ids of inputs that are no longer in the catalog; returns how many. */
    public int prune() throws SQLException {
        upgrade();
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate("DELETE FROM cloudwatch_events WHERE file_id NOT IN (SELECT file_id FROM files)");
        }
    }

    /**
     * Workspaces written before the ids were kept with the input's {@code file_id} named the input by
     * its {@code location} ({@code files.path}): the ids of committed inputs get their file id, the
     * others (never committed) are dropped, and the column goes.
     */
    private void upgrade() throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_columns() "
                        + "WHERE table_name = 'cloudwatch_events' AND column_name = 'location'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return;
            }
        }
        // each step may run again: an upgrade stopped half-way is finished by the next run
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE cloudwatch_events ADD COLUMN IF NOT EXISTS file_id INTEGER");
            st.execute("UPDATE cloudwatch_events e SET file_id = f.file_id FROM files f WHERE f.path = e.location");
            st.execute("DELETE FROM cloudwatch_events WHERE file_id IS NULL");
            st.execute("ALTER TABLE cloudwatch_events DROP COLUMN location");
        }
    }

    /** The ids of the group's loaded events with a time in [from, to] (epoch ms; null: open). Call after {@link #prune()}. */
    public Set<String> known(String logGroup, Long fromMillis, Long toMillis) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT event_id FROM cloudwatch_events WHERE log_group = ? "
                        + "AND event_time >= ? AND event_time <= ?")) {
            ps.setString(1, logGroup);
            ps.setLong(2, fromMillis == null ? Long.MIN_VALUE : fromMillis);
            ps.setLong(3, toMillis == null ? Long.MAX_VALUE : toMillis);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Writes a CloudWatch input's event ids, in the loader's transaction; other inputs have none. */
    @Override
    public void written(DuckDBConnection loader, InputFile input, int fileId) throws SQLException {
        if (!(input instanceof CloudWatchInput in)) {
            return;
        }
        try (DuckDBAppender a = loader.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "cloudwatch_events")) {
            for (int i = 0; i < in.size(); i++) {
                a.beginRow();
                a.append(in.eventId(i));
                a.append(in.logGroup());
                a.append(in.timestamp(i));
                a.append(fileId);
                a.endRow();
            }
        }
    }

    /** Events of the group in the workspace. */
    public long count(String logGroup) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT count(*) FROM cloudwatch_events WHERE log_group = ?")) {
            ps.setString(1, logGroup);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
