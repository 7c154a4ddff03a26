package dev.flowlens.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.query.QueryResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The address top lists answered from the server's sums ({@link OverviewSums}) equal each part's
 * statement over the records, for ranges with and without whole days, inside or around the data,
 * by both ways of summing (the days inside, the totals minus the days outside), and after the
 * workspace changed (and so do the ports and the coverage): a file added (the sums extended), a file removed and records outside the
 * catalog (built again), records with an address but no bytes (no subtracting).
 */
class TestOverviewSums {
    /** Not on a day boundary. */
    static final long T0 = 1_714_521_600L + 1234;

    static final long DAY0 = 1_714_521_600L;

    @TempDir
    Path tmp;

    static final long[][] RANGES = {
        {T0 - 100, T0 + 5 * 86400 + 100}, // everything
        {T0, T0 + 5 * 86400 - 1}, // everything from the first record
        {T0 + 5000, T0 + 4 * 86400 + 777}, // partial days at both ends, whole days between
        {DAY0 + 86400, DAY0 + 3 * 86400 - 1}, // two whole days
        {DAY0 + 86400, DAY0 + 2 * 86400}, // one whole day and the next second
        {DAY0 + 2 * 86400 + 10, DAY0 + 2 * 86400 + 7200}, // inside one day
        {T0 + 3600, T0 + 86400 + 3600}, // a day across midnight, no whole day
        {T0 + 86400, T0 + 86400}, // one second
        {T0 - 10 * 86400, T0 - 86400}, // before the data
        {DAY0 + 4 * 86400, DAY0 + 20 * 86400}, // the last days and after
        {T0 + 86400 + 99, Long.MAX_VALUE}, // no end (the API's default)
        {Long.MIN_VALUE, DAY0 + 3 * 86400 + 5}, // no start
    };

    /** Records of one file: {@code noBytes} gives some records with addresses no bytes or packets. */
    static void load(Connection c, int fileId, int from, int count, boolean noBytes) throws Exception {
        String missing = noBytes ? "WHEN i % 17 = 0 THEN NULL " : "";
        String select = "SELECT " + fileId + ", i, 'eni-000' || (i % 4),"
                + " CASE WHEN i % 25 = 0 THEN NULL WHEN i % 10 = 0 THEN '2600:1f18::' || (i % 7)"
                + " ELSE '10.0.' || (i % 3) || '.' || (hash(i) % 40) END,"
                + " CASE WHEN i % 25 = 0 THEN NULL WHEN i % 11 = 0 THEN '2600:1f18::9' ELSE '172.31.0.' || (i % 5) END,"
                + " CASE WHEN i % 25 = 0 THEN NULL ELSE 30000 + i % 1000 END,"
                + " CASE WHEN i % 25 = 0 THEN NULL ELSE [22, 443, 5432][1 + i % 3] END,"
                + " CASE WHEN i % 25 = 0 THEN NULL WHEN i % 6 = 0 THEN 17 ELSE 6 END,"
                + " CASE WHEN i % 25 = 0 THEN NULL " + missing + "ELSE 1 + hash(i) % 50 END,"
                + " CASE WHEN i % 25 = 0 THEN NULL " + missing + "ELSE 40 + hash(i * 3) % 100000 END,"
                + " " + T0 + " + hash(i * 7) % (5 * 86400), " + T0 + " + hash(i * 7) % (5 * 86400) + 60,"
                + " CASE WHEN i % 25 = 0 THEN NULL WHEN i % 4 = 0 THEN 'REJECT' ELSE 'ACCEPT' END,"
                + " CASE WHEN i % 25 = 0 THEN 'NODATA' ELSE 'OK' END FROM range(" + from + ", " + (from + count)
                + ") r(i)";
        try (Statement st = c.createStatement()) {
            st.execute(TestOverviewRollup.insertRecords(select));
            if (fileId > 0) {
                st.execute("INSERT INTO files (file_id, sha256, path) VALUES (" + fileId + ", 'sha-" + fileId + "', '/f"
                        + fileId + ".log')");
            }
        }
    }

    /** Asserts every range's lists equal each part over the records; returns whether any subtracted. */
    static boolean assertSame(OverviewSums sums, Path db) throws Exception {
        boolean subtracted = false;
        boolean whole = false;
        int dayParts = 0;
        try (Workspace ws = Workspace.openReadOnly(db)) {
            Connection c = ws.connection();
            for (long[] range : RANGES) {
                for (int limit : new int[] {1, 10, 1000}) {
                    Map<Overview.Part, QueryResult> tops = sums.tops(range[0], range[1], limit);
                    subtracted |= sums.plan(range[0], range[1]).subtracts();
                    whole |= sums.plan(range[0], range[1]).sql() == null;
                    assertThat(tops.keySet()).containsExactlyElementsOf(OverviewTops.PARTS);
                    for (Overview.Part part : OverviewTops.PARTS) {
                        QueryResult records = Overview.runOverRecords(c, part, range[0], range[1], 300, limit);
                        String what = part + " over [" + range[0] + ", " + range[1] + "], limit " + limit;
                        assertThat(tops.get(part)).as(what).isEqualTo(records);
                        QueryResult one = sums.part(part, range[0], range[1], limit);
                        if (one != null) {
                            assertThat(one).as(what).isEqualTo(records);
                        }
                    }
                }
            }
            for (long[] range : RANGES) {
                for (Overview.Part part : List.of(Overview.Part.PORTS, Overview.Part.COVERAGE)) {
                    for (int limit : new int[] {1, 1000}) {
                        QueryResult one = sums.part(part, range[0], range[1], limit);
                        dayParts += one == null ? 0 : 1;
                        if (one != null) {
                            assertThat(one)
                                    .as("%s over [%d, %d], limit %d", part, range[0], range[1], limit)
                                    .isEqualTo(Overview.runOverRecords(c, part, range[0], range[1], 300, limit));
                        }
                    }
                }
            }
            QueryResult all = sums.tops(RANGES[0][0], RANGES[0][1], 1000).get(Overview.Part.PAIRS);
            assertThat(all.rows()).hasSizeGreaterThan(100);
            // as the server does before it closes the file (DuckDB holds it until both have let it go)
            sums.detach();
        }
        assertThat(whole)
                .as("the totals answer the ranges holding every record")
                .isTrue();
        return subtracted;
    }

    @Test
    void theSumsAnswerAsTheRecordsAsTheWorkspaceChanges() throws Exception {
        Path db = tmp.resolve("w.db");
        try (Workspace ws = Workspace.open(db)) {
            load(ws.connection(), 1, 0, 20000, false);
            load(ws.connection(), 2, 20000, 10000, false);
        }
        try (OverviewSums sums = new OverviewSums(db)) {
            assertThat(assertSame(sums, db))
                    .as("the totals minus the days outside answer some")
                    .isTrue();
            // a file added: its records are added to the sums
            try (Workspace ws = Workspace.open(db)) {
                load(ws.connection(), 3, 30000, 5000, false);
            }
            assertSame(sums, db);
            // a file removed: built again
            try (Workspace ws = Workspace.open(db);
                    Statement st = ws.connection().createStatement()) {
                st.execute("DELETE FROM " + WorkspaceSchema.RECORDS_TABLE + " WHERE file_id = 1");
                st.execute("DELETE FROM files WHERE file_id = 1");
            }
            assertSame(sums, db);
            // records of no catalogued file, and a file added at the same time: built again
            try (Workspace ws = Workspace.open(db)) {
                load(ws.connection(), 0, 40000, 3000, false);
                load(ws.connection(), 4, 50000, 3000, false);
            }
            assertSame(sums, db);
        }
    }

    @Test
    void theServerAnswersFromTheRecordsUntilItsSumsAreBuilt() throws Exception {
        Path db = tmp.resolve("api.db");
        try (Workspace ws = Workspace.open(db)) {
            load(ws.connection(), 1, 0, 20000, false);
        }
        FlowlensApi api = new FlowlensApi(new WorkspaceAccess(db), null, java.time.Clock.systemUTC());
        try {
            Map<String, List<String>> query =
                    Map.of("from", List.of(Long.toString(RANGES[2][0])), "to", List.of(Long.toString(RANGES[2][1])));
            for (int load = 2; load <= 3; load++) {
                // the first answer comes from the records while the sums are built, the next from the sums
                Map<String, QueryResult> first = api.overviewTops(query);
                api.awaitOverviewSums();
                assertThat(api.overviewTops(query)).isEqualTo(first);
                try (Workspace ws = Workspace.openReadOnly(db)) {
                    for (Overview.Part part : OverviewTops.PARTS) {
                        assertThat(first.get(part.path()))
                                .as(part.path())
                                .isEqualTo(Overview.runOverRecords(
                                        ws.connection(), part, RANGES[2][0], RANGES[2][1], 300, 10));
                    }
                }
                assertThat(api.overview("talkers", query)).isEqualTo(first.get("talkers"));
                // a file ingested while the server runs (it holds no file between requests)
                try (Workspace ws = Workspace.open(db)) {
                    load(ws.connection(), load, load * 20000, 5000, false);
                }
            }
        } finally {
            api.close();
        }
    }

    @Test
    void recordsWithoutBytesAreSummedFromTheDaysInside() throws Exception {
        Path db = tmp.resolve("nulls.db");
        try (Workspace ws = Workspace.open(db)) {
            load(ws.connection(), 1, 0, 20000, true);
        }
        try (OverviewSums sums = new OverviewSums(db)) {
            assertThat(assertSame(sums, db)).isFalse();
            OverviewSums.Plan inside = sums.plan(RANGES[2][0], RANGES[2][1]);
            assertThat(inside.readsSums() && !inside.subtracts() && inside.sql() != null)
                    .as("the days inside the range and its partial days' records")
                    .isTrue();
        }
        // the same records with their bytes subtract, and the lists differ where bytes are missing
        Path full = tmp.resolve("full.db");
        try (Workspace ws = Workspace.open(full)) {
            load(ws.connection(), 1, 0, 20000, false);
        }
        List<Object> withNulls = new ArrayList<>();
        List<Object> without = new ArrayList<>();
        for (Path p : List.of(db, full)) {
            try (OverviewSums sums = new OverviewSums(p)) {
                (p == db ? withNulls : without)
                        .add(sums.tops(RANGES[0][0], RANGES[0][1], 1000).get(Overview.Part.TALKERS));
            }
        }
        assertThat(withNulls).isNotEqualTo(without);
    }
}
