package dev.flowlens.cli.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.command.S3IngestChild;
import dev.flowlens.core.testing.ChildJvm;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.check.WorkspaceCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest s3://} with a window in a child JVM ({@link S3IngestChild}), killed (SIGKILL) at
 * named moments of the load: after the listing, while parsing, just before the first commit,
 * between commits, during a commit, after the last commit. After every kill each object in the
 * catalog holds exactly its records of the window, once, and the workspace check passes; the runs
 * after it load what is missing, and the last ends with exactly the window's records; a rerun
 * fetches nothing.
 */
class TestS3IngestKill {
    private static final long FROM = FlowLogBucket.T0 + 4 * 3600;
    private static final long TO = FlowLogBucket.T0 + 16 * 3600;
    private static final String WHERE = "s3://" + FlowLogBucket.BUCKET + "/AWSLogs/";

    @TempDir
    Path dir;

    /** The server the children reach. */
    private S3TestServer server;

    @Test
    void killedRunsResumeToExactlyTheWindowsRecordsNoneTwice() throws Exception {
        FlowLogBucket bucket = new FlowLogBucket();
        try (S3TestServer s3 = new S3TestServer()) {
            server = s3;
            bucket.fill(s3, Files.createDirectories(dir.resolve("bodies")), 3);
            killAndResume(bucket, dir.resolve("kill.duckdb"));
        }
    }

    private void killAndResume(FlowLogBucket bucket, Path db) throws Exception {
        Map<String, FlowLogBucket.Obj> byLocation = new HashMap<>();
        long expected = 0;
        for (FlowLogBucket.Obj o : bucket.objects) {
            if (o.key().startsWith("AWSLogs/")) {
                byLocation.put("s3://" + FlowLogBucket.BUCKET + "/" + o.key(), o);
                expected += o.recordsIn(FROM, TO, Set.of());
            }
        }
        assertThat(kill(db, "LISTED", 1, true, byLocation))
                .as("killed after listing")
                .isZero();
        // a Parquet object commits in a transaction of its own, so the later points bound the counts
        long parsing = kill(db, "BATCH_READ", 2, true, byLocation);
        long beforeCommit = kill(db, "COMMITTING", 1, true, byLocation);
        assertThat(beforeCommit).as("killed just before a commit").isGreaterThanOrEqualTo(parsing);
        long between = kill(db, "COMMITTED", 2, true, byLocation);
        assertThat(between).as("killed between commits").isGreaterThan(beforeCommit);
        long during = kill(db, "COMMITTING", 2, false, byLocation);
        assertThat(during).as("killed during a commit").isGreaterThan(between);
        long finished = kill(db, "FINISHED", 1, true, byLocation);
        assertThat(finished).as("killed after the last commit").isGreaterThan(during);
        assertThat(TestIngestS3.records(db)).isEqualTo(expected).isPositive();

        List<String> last = child(db, "none", 0, false);
        assertThat(last).anySatisfy(l -> assertThat(l).isEqualTo("summary 0 0"));
        assertThat(consistent(db, byLocation)).isEqualTo(finished);
        assertThat(TestIngestS3.records(db)).isEqualTo(expected);

        server.proxy().reset();
        child(db, "none", 0, false);
        assertThat(server.proxy().seen())
                .as("a rerun fetches nothing")
                .noneMatch(s -> s.kind().equals("GET"));
        assertThat(TestIngestS3.records(db)).isEqualTo(expected);
    }

    /** Kills a child at the {@code nth} {@code point} and checks the workspace; returns the objects loaded. */
    private long kill(Path db, String point, int nth, boolean pause, Map<String, FlowLogBucket.Obj> objects)
            throws Exception {
        child(db, point, nth, pause);
        return consistent(db, objects);
    }

    private List<String> child(Path db, String point, int nth, boolean pause) throws Exception {
        List<String> jvm =
                List.of("-Xmx256m", "-Daws.accessKeyId=flowlens-test", "-Daws.secretAccessKey=flowlens-test-secret");
        List<String> args = List.of(
                db.toString(),
                server.endpoint().toString(),
                WHERE,
                Long.toString(FROM),
                Long.toString(TO),
                "8",
                point,
                Integer.toString(nth),
                pause ? "pause" : "go");
        return ChildJvm.killAt(ChildJvm.of(dir, jvm, S3IngestChild.class, args), point, nth);
    }

    /**
     * Every object in the catalog holds exactly its records of the window, once; no path twice, no
     * record outside a catalogued object, the workspace check passes. Returns the objects loaded.
     */
    private static long consistent(Path db, Map<String, FlowLogBucket.Obj> objects) throws Exception {
        long loaded = 0;
        try (Workspace ws = Workspace.open(db)) {
            assertThat(new WorkspaceCheck(ws.connection()).problems()).isEmpty();
            try (Statement st = ws.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT files.path, files.records, count(f.line), "
                            + "count(DISTINCT f.line) FROM files LEFT JOIN flows f USING (file_id) GROUP BY ALL")) {
                while (rs.next()) {
                    String path = rs.getString(1);
                    long want = objects.containsKey(path) ? objects.get(path).recordsIn(FROM, TO, Set.of()) : 0;
                    assertThat(new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                            .as(path)
                            .containsExactly(want, want, want);
                    loaded++;
                }
            }
            try (Statement st = ws.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) - count(DISTINCT path) FROM files")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
        return loaded;
    }
}
