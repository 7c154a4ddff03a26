package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.cli.FlowlensCli;
import dev.flowlens.core.testing.ChildJvm;
import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest cloudwatch:} in a child JVM, killed ({@code destroyForcibly}, SIGKILL) while it
 * waits for the Nth FilterLogEvents page, which {@link FakeAws} never answers: before anything was
 * committed, and after some groups of pages were; each rerun resumes, and the last one ends with
 * exactly the window's events, none twice. The first kills fetch and load in turn ({@code --prefetch 0}),
 * so exactly the groups before the kill point are committed; the last one fetches ahead as by
 * default, so the loading may be behind the fetching when the kill lands.
 */
class TestCloudWatchKill {
    @TempDir
    Path tmp;

    @BeforeAll
    static void credentials() {
        CloudWatchFixture.credentials();
    }

    @Test
    void killedRunsResumeToExactlyTheWindowsEvents() throws Exception {
        List<FakeAws.Event> events = CloudWatchFixture.demoEvents();
        Path db = tmp.resolve("kill.db");
        int pageSize = 200;
        int pages = (events.size() + pageSize - 1) / pageSize;
        assertThat(pages).as("enough pages for four groups").isGreaterThan(4 * CloudWatchIngest.FLUSH_INPUTS + 2);
        long before = 0;
        int[] kills = {
            3,
            CloudWatchIngest.FLUSH_INPUTS + 3,
            3 * CloudWatchIngest.FLUSH_INPUTS + 2,
            4 * CloudWatchIngest.FLUSH_INPUTS + 2
        };
        for (int round = 0; round < kills.length; round++) {
            int killAt = kills[round];
            boolean ahead = round == kills.length - 1;
            try (FakeAws aws = new FakeAws()) {
                CloudWatchFixture.serveDemo(aws);
                aws.holdFilterRequest = killAt;
                Process child = child(db, aws, pageSize, ahead ? CloudWatchOptions.DEFAULT_PREFETCH : 0);
                try {
                    assertThat(aws.held.await(3, TimeUnit.MINUTES))
                            .as("the child reached page " + killAt)
                            .isTrue();
                } finally {
                    child.destroyForcibly();
                    child.waitFor();
                }
            }
            long loaded = consistent(db);
            // the groups of pages before the kill were committed whole (a group: FLUSH_INPUTS pages with new events,
            // the pages a
            // rerun finds loaded already count as pages but hold nothing new), the pages in hand not at all
            long expected =
                    (long) ((killAt - 1) / CloudWatchIngest.FLUSH_INPUTS) * CloudWatchIngest.FLUSH_INPUTS * pageSize;
            if (ahead) {
                // the loading may lag the fetching by the pages in the queue: whole groups, no more than in turn
                assertThat(loaded % ((long) CloudWatchIngest.FLUSH_INPUTS * pageSize))
                        .isZero();
                assertThat(loaded).as("killed at page " + killAt).isBetween(before, expected);
            } else {
                assertThat(loaded).as("killed at page " + killAt).isEqualTo(expected);
            }
            before = loaded;
        }
        assertThat(before).as("the last kill came after committed groups").isGreaterThan(0);
        try (FakeAws aws = new FakeAws()) {
            CloudWatchFixture.serveDemo(aws);
            List<String> args = aws.ingestArgs(db.toString(), FakeAws.GROUP);
            args.addAll(List.of("--page-size", Integer.toString(pageSize), "-o", "json"));
            Result r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.json().get("cloudwatch").get("events_loaded").asLong()).isEqualTo(events.size() - before);
            assertThat(r.json().get("cloudwatch").get("events_loaded_before").asLong())
                    .isEqualTo(before);
        }
        assertThat(consistent(db)).isEqualTo(events.size());
        assertThat(count(db, "SELECT count(DISTINCT event_id) FROM cloudwatch_events"))
                .isEqualTo(events.size());
    }

    /** The ingest in a child JVM whose temporary folder is the test's (DuckDB's library copy goes with it). */
    private Process child(Path db, FakeAws aws, int pageSize, int prefetch) throws Exception {
        List<String> args = aws.ingestArgs(db.toString(), FakeAws.GROUP);
        args.addAll(List.of(
                "--page-size",
                Integer.toString(pageSize),
                "--rate-limit",
                "0",
                "--prefetch",
                Integer.toString(prefetch),
                "--quiet"));
        List<String> jvm = List.of(
                "-Xmx384m", "-Daws.accessKeyId=AKIDEXAMPLE", "-Daws.secretAccessKey=secret", "-Daws.region=us-east-1");
        return ChildJvm.of(tmp, jvm, FlowlensCli.class, args)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The records in the workspace; checks that every input's records and events agree (each whole or absent). */
    private static long consistent(Path db) throws Exception {
        long records = count(db, "SELECT count(*) FROM flows");
        assertThat(count(db, "SELECT coalesce(sum(records), 0) FROM files")).isEqualTo(records);
        // the event ids are exactly the records: written in the transaction that commits their input
        assertThat(count(db, "SELECT count(*) FROM cloudwatch_events")).isEqualTo(records);
        assertThat(count(db, "SELECT count(*) FROM cloudwatch_events WHERE file_id IN (SELECT file_id FROM files)"))
                .isEqualTo(records);
        return records;
    }

    private static long count(Path db, String sql) throws Exception {
        try (Workspace ws = Workspace.openReadOnly(db);
                Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
