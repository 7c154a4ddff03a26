package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.sources.cloudwatch.CloudWatchEvent;
import dev.flowlens.sources.cloudwatch.CloudWatchInput;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event ids of CloudWatch inputs: written with the input's records in its transaction, dropped
 * when the input's catalog row goes, and carried over from workspaces that named inputs by location.
 */
class TestCloudWatchEvents {
    private static final String GROUP = "/aws/vpc/flow-logs";

    @TempDir
    Path dir;

    private static CloudWatchInput input(int first, int count) {
        List<CloudWatchEvent> events = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            events.add(new CloudWatchEvent(
                    String.format("%056d", i),
                    "eni-0a1b2c3d4e5f60101-all",
                    1_714_521_600_000L + i * 1000L,
                    1_714_521_700_000L,
                    "2 123456789010 eni-0a1b2c3d4e5f60101 10.0.1.5 10.0.2.9 " + (40000 + i)
                            + " 5432 6 3 180 1714521600 1714521660 ACCEPT OK"));
        }
        return new CloudWatchInput(GROUP, events);
    }

    private static IngestSummary ingest(Workspace ws, CloudWatchEvents journal, CloudWatchInput... inputs)
            throws SQLException {
        return new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE, journal)
                .ingestInputs(new ArrayList<InputFile>(List.of(inputs)));
    }

    private static long count(Workspace ws, String sql) throws SQLException {
        try (Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void idsAreWrittenWithTheirRecordsAndDroppedWithTheirInput() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws.db"))) {
            CloudWatchEvents journal = new CloudWatchEvents(ws.connection());
            CloudWatchInput a = input(0, 30);
            CloudWatchInput b = input(30, 20);
            IngestSummary s = ingest(ws, journal, a, b);
            assertThat(s.records()).isEqualTo(50);
            assertThat(journal.count(GROUP)).isEqualTo(50);
            assertThat(count(
                            ws,
                            "SELECT count(*) FROM cloudwatch_events e JOIN files f USING (file_id) "
                                    + "WHERE f.path = '" + a.location() + "'"))
                    .isEqualTo(30);
            // the window of known ids: events 10..19 by time
            assertThat(journal.known(GROUP, 1_714_521_610_000L, 1_714_521_619_000L))
                    .hasSize(10)
                    .contains(a.eventId(10), a.eventId(19));
            // an input removed from the catalog (check --repair) takes its ids: its events load again
            try (Statement st = ws.connection().createStatement()) {
                st.execute("DELETE FROM files WHERE path = '" + b.location() + "'");
            }
            assertThat(journal.prune()).isEqualTo(20);
            assertThat(journal.known(GROUP, null, null)).hasSize(30).doesNotContain(b.eventId(0));
        }
    }

    @Test
    void idsNamedByLocationAreCarriedOverToFileIds() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("old.db"))) {
            CloudWatchInput a = input(0, 5);
            ingest(ws, new CloudWatchEvents(ws.connection()), a);
            // the table as workspaces had it before: the input named by location, ids of an input never committed
            try (Statement st = ws.connection().createStatement()) {
                st.execute("DROP TABLE cloudwatch_events");
                st.execute("CREATE TABLE cloudwatch_events (event_id VARCHAR NOT NULL, log_group VARCHAR NOT NULL, "
                        + "event_time BIGINT NOT NULL, location VARCHAR NOT NULL)");
                for (int i = 0; i < a.size(); i++) {
                    st.execute("INSERT INTO cloudwatch_events VALUES ('" + a.eventId(i) + "', '" + GROUP + "', "
                            + a.timestamp(i) + ", '" + a.location() + "')");
                }
                st.execute("INSERT INTO cloudwatch_events VALUES ('x1', '" + GROUP
                        + "', 1, 'cloudwatch:never-committed')");
            }
            CloudWatchEvents journal = new CloudWatchEvents(ws.connection());
            journal.prune();
            assertThat(journal.known(GROUP, null, null)).hasSize(5).doesNotContain("x1");
            assertThat(count(
                            ws,
                            "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'cloudwatch_events' "
                                    + "AND column_name = 'location'"))
                    .isZero();
            assertThat(count(ws, "SELECT count(*) FROM cloudwatch_events WHERE file_id IN (SELECT file_id FROM files)"))
                    .isEqualTo(5);
            // and the next input's ids go in beside them
            ingest(ws, journal, input(5, 3));
            assertThat(journal.count(GROUP)).isEqualTo(8);
        }
    }
}
