package dev.flowlens.store.ingest;

import dev.flowlens.sources.cloudwatch.CloudWatchEvent;
import dev.flowlens.sources.cloudwatch.CloudWatchInput;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The CloudWatch Logs events of a workspace, keyed by event id, so that no event is loaded twice.
 * Before inputs are handed to the {@link Ingestor}, their events are written here with the input's
 * location (a write-ahead journal, committed first); the ingest then commits each input's records
 * with its {@code files} row. An event counts as loaded when its location has a {@code files} row:
 * {@link #prune()} drops the rows of inputs that never committed (a killed run, a failed input), so
 * a rerun loads exactly those events again. The ingest's transactions are not touched.
 */
public final class CloudWatchEvents {
    private final DuckDBConnection connection;

    public CloudWatchEvents(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Drops the events of inputs whose records are not in the workspace; returns how many. */
    public int prune() throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate("DELETE FROM cloudwatch_events WHERE location NOT IN (SELECT path FROM files)");
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

    /** Writes the inputs' events (committed when this returns), before the inputs are ingested. */
    public void journal(String logGroup, List<CloudWatchInput> inputs) throws SQLException {
        try (DuckDBAppender a = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "cloudwatch_events")) {
            for (CloudWatchInput in : inputs) {
                for (CloudWatchEvent e : in.events()) {
                    a.beginRow();
                    a.append(e.eventId());
                    a.append(logGroup);
                    a.append(e.timestamp());
                    a.append(in.location());
                    a.endRow();
                }
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
