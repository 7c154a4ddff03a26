package dev.flowlens.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.store.check.WorkspaceCheck;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollup holds exactly the records' sums through ingests, reruns, a file replaced by a new
 * version and a group rolled back; the workspace check finds a rollup that was tampered with and
 * repair builds it again; records inserted in SQL make it not current until rebuilt.
 */
class TestFlowRollup {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";

    @TempDir
    Path tmp;

    /** Seeded records over three days: IPv4 and IPv6, ACCEPT and REJECT, NODATA rows. */
    private static String records(long seed, int n) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            long start = 1714521600L + r.nextInt(3 * 86400);
            if (r.nextInt(20) == 0) {
                b.append("2 123456789012 eni-0a1b2c3d4e5f60001 - - - - - - - ")
                        .append(start)
                        .append(' ')
                        .append(start + 60)
                        .append(" - NODATA\n");
                continue;
            }
            String src =
                    r.nextInt(10) == 0 ? "2600:1f18::" + r.nextInt(5) : "10.0." + r.nextInt(3) + "." + r.nextInt(20);
            b.append("2 123456789012 eni-0a1b2c3d4e5f6000")
                    .append(r.nextInt(3))
                    .append(' ')
                    .append(src)
                    .append(" 172.31.0.")
                    .append(r.nextInt(4))
                    .append(' ')
                    .append(30000 + r.nextInt(1000))
                    .append(' ')
                    .append(new int[] {22, 443, 5432}[r.nextInt(3)])
                    .append(r.nextInt(5) == 0 ? " 17 " : " 6 ")
                    .append(1 + r.nextInt(50))
                    .append(' ')
                    .append(40 + r.nextInt(100000))
                    .append(' ')
                    .append(start)
                    .append(' ')
                    .append(start + 60)
                    .append(r.nextInt(4) == 0 ? " REJECT OK\n" : " ACCEPT OK\n");
        }
        return b.toString();
    }

    private List<Path> writeFiles(int files) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        List<Path> out = new java.util.ArrayList<>();
        for (int i = 0; i < files; i++) {
            Path f = dir.resolve("f" + i + ".log");
            Files.writeString(f, records(i, 300));
            out.add(f);
        }
        return out;
    }

    /** A workspace {@code w.db} holding {@code files} written files. */
    private Path ingested(int files) throws Exception {
        Path db = tmp.resolve("w.db");
        ingest(db, writeFiles(files), 0);
        return db;
    }

    private static void ingest(Path db, List<Path> files, long groupRecords) throws SQLException {
        IngestOptions options = new IngestOptions(null, false, 2, 100, groupRecords);
        try (Workspace ws = Workspace.open(db)) {
            new Ingestor(ws, options, IngestListener.NONE).ingest(files);
        }
    }

    private static long rollupRecords(Workspace ws) throws SQLException {
        try (Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT sum(records) FROM " + FlowRollup.TABLE + " WHERE kind = 0")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertExact(Path db, long records) throws SQLException {
        try (Workspace ws = Workspace.open(db)) {
            assertThat(new WorkspaceCheck(ws.connection()).problems()).isEmpty();
            assertThat(FlowRollup.mismatches(ws.connection())).isZero();
            assertThat(FlowRollup.current(ws.connection())).isTrue();
            assertThat(rollupRecords(ws)).isEqualTo(records);
        }
    }

    @Test
    void followsIngestRerunAndReplacedFiles() throws Exception {
        Path db = tmp.resolve("w.db");
        List<Path> files = writeFiles(6);
        ingest(db, files, 1000);
        assertExact(db, 6 * 300);
        ingest(db, files, 0); // a rerun adds nothing
        assertExact(db, 6 * 300);
        // a new version of one file replaces the old one's records and sums
        Files.writeString(files.get(2), records(99, 120));
        Files.setLastModifiedTime(files.get(2), FileTime.fromMillis(1_000_000_000_000L));
        ingest(db, files, 1000);
        assertExact(db, 5 * 300 + 120);
    }

    @Test
    void checkFindsATamperedRollupAndRepairRebuildsIt() throws Exception {
        Path db = ingested(3);
        try (Workspace ws = Workspace.open(db);
                Statement st = ws.connection().createStatement()) {
            st.execute("UPDATE " + FlowRollup.TABLE + " SET bytes = bytes + 1 WHERE kind = 1 AND rowid % 3 = 0");
            List<WorkspaceCheck.Problem> problems = new WorkspaceCheck(ws.connection()).problems();
            assertThat(problems)
                    .extracting(WorkspaceCheck.Problem::kind)
                    .containsExactly(WorkspaceCheck.Kind.ROLLUP_MISMATCH);
            new WorkspaceCheck(ws.connection()).repair();
        }
        assertExact(db, 3 * 300);
    }

    @Test
    void recordsInsertedInSqlAreNotCurrentUntilRebuilt() throws Exception {
        Path db = ingested(1);
        try (Workspace ws = Workspace.open(db);
                Statement st = ws.connection().createStatement()) {
            st.execute(WorkspaceSchema.insertAsFlows(
                    List.of("file_id", "srcaddr", "start", "bytes", "action"),
                    "SELECT 1, '10.9.9.9', 1714521600, 5, 'ACCEPT'"));
            assertThat(FlowRollup.current(ws.connection())).isFalse();
            assertThat(FlowRollup.mismatches(ws.connection())).isPositive();
            FlowRollup.rebuild(ws.connection());
            assertThat(FlowRollup.current(ws.connection())).isTrue();
            assertThat(FlowRollup.mismatches(ws.connection())).isZero();
        }
    }

    @Test
    void aWorkspaceWithoutTheRollupGetsItWhenOpenedForWriting() throws Exception {
        Path db = ingested(2);
        try (Workspace ws = Workspace.open(db);
                Statement st = ws.connection().createStatement()) {
            st.execute("DROP TABLE " + FlowRollup.TABLE);
            st.execute("DELETE FROM flowlens_meta WHERE key = 'rollup_version'");
        }
        try (Workspace ws = Workspace.openReadOnly(db)) {
            assertThat(FlowRollup.current(ws.connection())).isFalse();
        }
        assertExact(db, 2 * 300);
    }
}
