package dev.flowlens.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.store.FlowRollup;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.query.QueryResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every overview part answers the same from the rollup as over the records, for ranges with and
 * without whole buckets at either end, bins of whole minutes or not, and limits; the rollup is what
 * answers when it can (a rollup changed behind the records' back shows); the combined address top
 * lists answer as each part.
 */
class TestOverviewRollup {
    /** Not on a minute, hour or day boundary. */
    static final long T0 = 1_714_521_600L + 1234;

    @TempDir
    static Path tmp;

    static Path db;

    @BeforeAll
    static void build() throws Exception {
        db = tmp.resolve("w.db");
        String select = "SELECT 1, i, 'eni-000' || (i % 4),"
                + " CASE WHEN i % 25 = 0 THEN NULL WHEN i % 10 = 0 THEN '2600:1f18::' || (i % 7)"
                + " ELSE '10.0.' || (i % 3) || '.' || (hash(i) % 50) END,"
                + " CASE WHEN i % 25 = 0 THEN NULL ELSE '172.31.0.' || (i % 5) END,"
                + " CASE WHEN i % 25 = 0 THEN NULL ELSE 30000 + i % 1000 END,"
                + " CASE WHEN i % 25 = 0 THEN NULL ELSE [22, 443, 5432][1 + i % 3] END,"
                + " CASE WHEN i % 25 = 0 THEN NULL WHEN i % 6 = 0 THEN 17 ELSE 6 END,"
                + " CASE WHEN i % 25 = 0 THEN NULL ELSE 1 + hash(i) % 50 END,"
                + " CASE WHEN i % 25 = 0 THEN NULL ELSE 40 + hash(i * 3) % 100000 END,"
                + " " + T0 + " + hash(i * 7) % (3 * 86400), " + T0 + " + hash(i * 7) % (3 * 86400) + 60,"
                + " CASE WHEN i % 25 = 0 THEN NULL WHEN i % 4 = 0 THEN 'REJECT' ELSE 'ACCEPT' END,"
                + " CASE WHEN i % 25 = 0 THEN 'NODATA' ELSE 'OK' END FROM range(30000) r(i)";
        try (Workspace ws = Workspace.open(db);
                Statement st = ws.connection().createStatement()) {
            st.execute(insertRecords(select));
            st.execute("INSERT INTO files (file_id, sha256, path) VALUES (1, 'sql', '/built-in-sql.log')");
            assertThat(FlowRollup.current(ws.connection())).isFalse();
            FlowRollup.rebuild(ws.connection());
            assertThat(FlowRollup.current(ws.connection())).isTrue();
        }
    }

    /** The statement inserting {@code select}'s rows as records of the test's fields, in their order. */
    static String insertRecords(String select) {
        return WorkspaceSchema.insertAsFlows(
                List.of(("file_id line interface_id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                                + "action log_status")
                        .split(" ")),
                select);
    }

    static final long[][] RANGES = {
        {T0 - 100, T0 + 3 * 86400 + 100}, // everything
        {T0 + 5000, T0 + 2 * 86400 + 777}, // partial buckets at both ends
        {1_714_608_000L, 1_714_608_000L + 86399}, // one whole day
        {1_714_608_000L, 1_714_608_000L + 86400}, // one whole day and its next second
        {T0 + 3600, T0 + 3 * 3600}, // whole hours and minutes, no whole day
        {T0 + 10, T0 + 50}, // no whole bucket of any grain
        {T0 + 86400, T0 + 86400}, // one second
    };

    @Test
    void everyPartAnswersAsOverTheRecords() throws Exception {
        try (Workspace ws = Workspace.openReadOnly(db)) {
            Connection c = ws.connection();
            for (long[] range : RANGES) {
                for (long bin : new long[] {60, 300, 7200, 90}) {
                    for (int limit : new int[] {10, 1000}) {
                        for (Overview.Part part : Overview.Part.values()) {
                            QueryResult fast = Overview.run(c, part, range[0], range[1], bin, limit);
                            QueryResult records = Overview.runOverRecords(c, part, range[0], range[1], bin, limit);
                            assertThat(fast)
                                    .as("%s over [%d, %d], bin %d, limit %d", part, range[0], range[1], bin, limit)
                                    .isEqualTo(records);
                        }
                    }
                }
            }
            QueryResult all = Overview.run(c, Overview.Part.TALKERS, RANGES[0][0], RANGES[0][1], 300, 1000);
            assertThat(all.rows()).hasSizeGreaterThan(100);
        }
    }

    @Test
    void theCombinedTopListsAnswerAsEachPart() throws Exception {
        try (Workspace ws = Workspace.openReadOnly(db)) {
            Connection c = ws.connection();
            for (long[] range : RANGES) {
                for (int limit : new int[] {1, 10, 1000}) {
                    java.util.Map<Overview.Part, QueryResult> tops = OverviewTops.run(c, range[0], range[1], limit);
                    assertThat(tops.keySet()).containsExactlyElementsOf(OverviewTops.PARTS);
                    for (Overview.Part part : OverviewTops.PARTS) {
                        assertThat(tops.get(part))
                                .as("%s over [%d, %d], limit %d", part, range[0], range[1], limit)
                                .isEqualTo(Overview.runOverRecords(c, part, range[0], range[1], 300, limit));
                    }
                }
            }
        }
    }

    @Test
    void theRollupAnswersWhenItCan() throws Exception {
        Path copy = tmp.resolve("tampered.db");
        java.nio.file.Files.copy(db, copy);
        try (Workspace ws = Workspace.open(copy);
                Statement st = ws.connection().createStatement()) {
            st.execute("UPDATE " + FlowRollup.TABLE + " SET bytes = bytes * 2");
            Connection c = ws.connection();
            for (Overview.Part part : List.of(Overview.Part.SERIES)) {
                QueryResult fast = Overview.run(c, part, RANGES[0][0], RANGES[0][1], 300, 10);
                assertThat(fast)
                        .as(part.path())
                        .isNotEqualTo(Overview.runOverRecords(c, part, RANGES[0][0], RANGES[0][1], 300, 10));
                // no whole bucket: the records answer
                assertThat(Overview.run(c, part, RANGES[5][0], RANGES[5][1], 300, 10))
                        .isEqualTo(Overview.runOverRecords(c, part, RANGES[5][0], RANGES[5][1], 300, 10));
            }
        }
    }
}
