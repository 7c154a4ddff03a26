package dev.flowlens.cli.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.cli.CliRun;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.check.WorkspaceCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowlens ingest s3://...} end to end against s3proxy on loopback (in-memory store) behind a
 * counting, fault-injecting proxy: exact record counts per window, pruning (LIST and GET requests
 * seen), idempotency, resuming after failures, {@code --new}, throttling, dropped connections,
 * delays and an access denial.
 */
class TestIngestS3 {
    private static S3TestServer server;
    private static final FlowLogBucket BUCKET = new FlowLogBucket();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.accessKeyId", "flowlens-test");
        System.setProperty("aws.secretAccessKey", "flowlens-test-secret");
        server = new S3TestServer();
        BUCKET.fill(server, shared, 3);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void noFaults() {
        S3FaultProxy p = server.proxy();
        p.slowDownEvery = 0;
        p.cutEvery = 0;
        p.delayEvery = 0;
        p.deniedKeys = Set.of();
        p.bucketRegion = null;
        p.wrongRegionOnGets = false;
        p.reset();
    }

    private CliRun.Result ingest(Path db, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "ingest",
                "--db",
                db.toString(),
                "-o",
                "json",
                "--endpoint-url",
                server.endpoint().toString(),
                "--bucket-region",
                "us-east-1"));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    /** The records of the workspace. */
    static long records(Path db) throws Exception {
        try (Workspace ws = Workspace.openReadOnly(db);
                Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM flows")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertChecked(Path db) throws Exception {
        try (Workspace ws = Workspace.open(db)) {
            assertThat(new WorkspaceCheck(ws.connection()).problems())
                    .as("workspace check")
                    .isEmpty();
        }
    }

    private static long count(String kind) {
        return server.proxy().seen().stream().filter(s -> s.kind().equals(kind)).count();
    }

    @Test
    void wholeBucketLoadsEveryFlowLogObjectAndReportsTheCorruptOne() throws Exception {
        Path db = dir.resolve("all.duckdb");
        CliRun.Result r = ingest(db, "s3://" + FlowLogBucket.BUCKET);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1); // the corrupt gzip fails the run
        JsonNode j = r.json();
        assertThat(j.get("records").asLong()).isEqualTo(BUCKET.recordsFor(null, null, Set.of(), Set.of()));
        assertThat(records(db)).isEqualTo(BUCKET.recordsFor(null, null, Set.of(), Set.of()));
        assertThat(j.get("files_loaded").asInt()).isEqualTo(BUCKET.objects.size());
        assertThat(j.get("failures")).hasSize(1);
        assertThat(j.get("failures").get(0).get("path").asText())
                .isEqualTo("s3://flow-logs/" + FlowLogBucket.CORRUPT_KEY);
        assertThat(j.get("s3").get("objects_ignored").asInt()).isEqualTo(1); // README.txt
        assertThat(j.get("s3").get("get_requests").asLong()).isGreaterThanOrEqualTo(BUCKET.objects.size() + 1);
        assertChecked(db);

        // idempotent: nothing is fetched or loaded again (the corrupt gzip is recorded as read in part: the same
        // bytes, by its ETag, would give the same part)
        server.proxy().reset();
        CliRun.Result again = ingest(db, "s3://" + FlowLogBucket.BUCKET);
        assertThat(again.code()).isZero();
        assertThat(again.json().get("files_loaded").asInt()).isZero();
        assertThat(again.json().get("records").asLong()).isZero();
        assertThat(again.json().get("files_skipped").asInt()).isEqualTo(BUCKET.objects.size() + 1);
        assertThat(count("GET")).isZero();
        assertThat(records(db)).isEqualTo(BUCKET.recordsFor(null, null, Set.of(), Set.of()));
    }

    @Test
    void oneHourWindowListsOnlyItsDayAndFetchesOnlyTheObjectsThatCanHoldIt() throws Exception {
        Path db = dir.resolve("hour.duckdb");
        long from = FlowLogBucket.T0 + 14 * 3600;
        long to = from + 3600;
        CliRun.Result r = ingest(
                db,
                "s3://" + FlowLogBucket.BUCKET,
                "--from",
                Long.toString(from),
                "--to",
                Long.toString(to),
                "--account",
                "111111111111",
                "--region",
                "eu-west-1");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<FlowLogBucket.Obj> expected = BUCKET.selected(from, to, Set.of("111111111111"), Set.of("eu-west-1"));
        assertThat(expected).hasSizeGreaterThan(3);
        long inWindow = BUCKET.recordsFor(from, to, Set.of("111111111111"), Set.of("eu-west-1"));
        assertThat(inWindow).isPositive();
        assertThat(r.json().get("records").asLong()).isEqualTo(inWindow);
        assertThat(r.json().get("records_left_out").asLong())
                .as("the fetched objects' records outside the window")
                .isEqualTo(
                        expected.stream().mapToLong(FlowLogBucket.Obj::records).sum() - inWindow)
                .isPositive();
        assertThat(records(db)).isEqualTo(inWindow);
        // GETs: exactly the needed objects
        assertThat(server.proxy().seen())
                .filteredOn(s -> s.kind().equals("GET"))
                .extracting(S3FaultProxy.Seen::what)
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(FlowLogBucket.Obj::key).toList());
        // LISTs: no other day, no other account or region
        List<String> listed = server.proxy().seen().stream()
                .filter(s -> s.kind().equals("LIST"))
                .map(S3FaultProxy.Seen::what)
                .toList();
        assertThat(listed)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p)
                        .doesNotContain(
                                "/09/",
                                "/11/",
                                "day=09",
                                "day=11",
                                "222222222222",
                                "333333333333",
                                "444444444444",
                                "us-gov-east-1"));
        // the hourly series has folders 12 and 15 on that day: files of 15:xx can hold records of 14:00-15:00, those of
        // 12:xx cannot
        assertThat(listed)
                .contains("logs/AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/03/10/15/")
                .doesNotContain("logs/AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/03/10/12/");
        assertChecked(db);
    }

    @Test
    void windowsLoadExactlyTheObjectsTheirTimesNeed() throws Exception {
        long[][] windows = {
            {FlowLogBucket.T0, FlowLogBucket.T0 + 86_399},
            {FlowLogBucket.T0 - 3 * 3600, FlowLogBucket.T0 + 2 * 3600},
            {FlowLogBucket.T0 + 86_400 + 23 * 3600, FlowLogBucket.T0 + 5 * 86_400},
        };
        int i = 0;
        for (long[] w : windows) {
            Path db = dir.resolve("w" + i++ + ".duckdb");
            CliRun.Result r = ingest(
                    db,
                    "s3://" + FlowLogBucket.BUCKET,
                    "--from",
                    Long.toString(w[0]),
                    "--to",
                    Long.toString(w[1]),
                    "--region",
                    "eu-west-1,us-gov-east-1");
            long expected = BUCKET.recordsFor(w[0], w[1], Set.of(), Set.of());
            assertThat(r.json().get("records").asLong())
                    .as("window %s-%s: %s", w[0], w[1], r.out())
                    .isEqualTo(expected);
            assertThat(records(db)).isEqualTo(expected);
            long fetched = BUCKET.selected(w[0], w[1], Set.of(), Set.of("eu-west-1", "us-gov-east-1")).stream()
                    .mapToLong(FlowLogBucket.Obj::records)
                    .sum();
            assertThat(r.json().get("records_left_out").asLong()).isEqualTo(fetched - expected);
            assertThat(r.json().get("bad_lines").asLong()).isZero();
        }
    }

    @Test
    void widerWindowsAndOtherEnisLoadWhatEarlierRunsLeftOutAndNothingTwice() throws Exception {
        Path db = dir.resolve("widen.duckdb");
        String where = "s3://" + FlowLogBucket.BUCKET + "/AWSLogs/";
        List<FlowLogBucket.Obj> scope = BUCKET.objects.stream()
                .filter(o -> o.key().startsWith("AWSLogs/"))
                .toList();
        long from = FlowLogBucket.T0 + 8 * 3600;
        long to = from + 6 * 3600;
        String eni = scope.stream()
                .filter(o -> o.recordsIn(from, to, Set.of()) > 0)
                .skip(1)
                .findFirst()
                .orElseThrow()
                .eni();
        List<String[]> runs = List.of(
                new String[] {"--from", Long.toString(from), "--to", Long.toString(to), "--eni", eni},
                new String[] {"--from", Long.toString(from), "--to", Long.toString(to)},
                new String[] {"--from", Long.toString(from + 1800), "--to", Long.toString(to - 1800)},
                new String[] {"--from", Long.toString(from - 3 * 3600), "--to", Long.toString(to + 3600)});
        long[] expected = {
            scope.stream().mapToLong(o -> o.recordsIn(from, to, Set.of(eni))).sum(),
            scope.stream().mapToLong(o -> o.recordsIn(from, to, Set.of())).sum(),
            scope.stream().mapToLong(o -> o.recordsIn(from, to, Set.of())).sum(),
            scope.stream()
                    .mapToLong(o -> o.recordsIn(from - 3 * 3600, to + 3600, Set.of()))
                    .sum()
        };
        assertThat(expected[0]).isPositive().isLessThan(expected[1]);
        for (int i = 0; i < runs.size(); i++) {
            server.proxy().reset();
            List<String> args = new ArrayList<>(List.of(where));
            args.addAll(List.of(runs.get(i)));
            CliRun.Result r = ingest(db, args.toArray(String[]::new));
            assertThat(records(db)).as("run %d: %s", i, r.out()).isEqualTo(expected[i]);
            if (i == 2) {
                assertThat(count("GET"))
                        .as("a narrower window: its objects are loaded already")
                        .isZero();
            }
            assertChecked(db);
        }
        try (Workspace ws = Workspace.openReadOnly(db);
                Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) - count(DISTINCT (file_id, line)) FROM flows")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no record twice").isZero();
        }
    }

    @Test
    void aRunWithEniLeavesTheCursorsForTheNextNewRun() throws Exception {
        Path db = dir.resolve("new-eni.duckdb");
        String where = "s3://" + FlowLogBucket.BUCKET + "/hive/";
        List<FlowLogBucket.Obj> scope =
                BUCKET.objects.stream().filter(o -> o.key().startsWith("hive/")).toList();
        String eni = scope.get(0).eni();
        CliRun.Result some = ingest(db, where, "--new", "--eni", eni);
        assertThat(some.json().get("records").asLong())
                .isEqualTo(scope.stream()
                        .mapToLong(o -> o.recordsIn(null, null, Set.of(eni)))
                        .sum());
        CliRun.Result rest = ingest(db, where, "--new");
        assertThat(rest.code()).isZero();
        assertThat(records(db))
                .isEqualTo(scope.stream().mapToLong(FlowLogBucket.Obj::records).sum());
        assertChecked(db);
    }

    @Test
    void localFilesTakeTheWindowAndEniToo() throws Exception {
        FlowLogBucket.Obj o = BUCKET.objects.get(7);
        StringBuilder text = new StringBuilder(
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n");
        for (long[] t : o.times()) {
            text.append("2 ").append(o.account()).append(' ').append(o.eni());
            text.append(" 10.0.0.1 10.0.0.2 1024 443 6 1 100 ")
                    .append(t[0])
                    .append(' ')
                    .append(t[1]);
            text.append(" ACCEPT OK\n");
        }
        Path file = dir.resolve("local.log");
        java.nio.file.Files.writeString(file, text);
        long[] first = o.times().get(0);
        Path db = dir.resolve("local.duckdb");
        CliRun.Result none =
                CliRun.run("ingest", "--db", db.toString(), "-o", "json", "--eni", "eni-none", file.toString());
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(none.json().get("records").asLong()).isZero();
        assertThat(none.json().get("records_left_out").asLong()).isEqualTo(o.records());
        CliRun.Result one = CliRun.run(
                "ingest",
                "--db",
                db.toString(),
                "--from",
                Long.toString(first[0]),
                "--to",
                Long.toString(first[0]),
                file.toString());
        assertThat(one.out()).contains("Left out");
        assertThat(records(db)).isEqualTo(o.recordsIn(first[0], first[0], Set.of()));
        CliRun.Result all = CliRun.run("ingest", "--db", db.toString(), "-o", "json", file.toString());
        assertThat(all.json().get("records_left_out").asLong()).isZero();
        assertThat(records(db)).isEqualTo(o.records());
        assertChecked(db);
    }

    @Test
    void throttlingDroppedConnectionsAndDelaysStillLoadExactlyTheRecords() throws Exception {
        S3FaultProxy p = server.proxy();
        p.slowDownEvery = 4;
        p.cutEvery = 5;
        p.delayEvery = 6;
        p.delayMillis = 40;
        Path db = dir.resolve("faults.duckdb");
        CliRun.Result r = ingest(db, "s3://" + FlowLogBucket.BUCKET + "/AWSLogs/", "--parallel", "6");
        long expected = BUCKET.objects.stream()
                .filter(o -> o.key().startsWith("AWSLogs/"))
                .mapToLong(FlowLogBucket.Obj::records)
                .sum();
        assertThat(r.json().get("records").asLong()).as(r.out()).isEqualTo(expected);
        assertThat(records(db)).isEqualTo(expected);
        assertThat(p.slowDowns()).isGreaterThan(5);
        assertThat(p.cuts()).isGreaterThan(3);
        assertThat(r.json().get("s3").get("retries").asLong()).isGreaterThanOrEqualTo(p.slowDowns());
        assertThat(r.json().get("s3").get("resumed_reads").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(r.json().get("failures"))
                .extracting(f -> f.get("path").asText())
                .containsExactly("s3://flow-logs/" + FlowLogBucket.CORRUPT_KEY);
        assertChecked(db);
    }

    @Test
    void anObjectDeniedIsReportedByKeyTheRestLoadAndTheNextRunLoadsIt() throws Exception {
        List<FlowLogBucket.Obj> hive = BUCKET.objects.stream()
                .filter(o -> o.key().startsWith("AWSLogs/aws-account-id="))
                .toList();
        FlowLogBucket.Obj denied = hive.get(hive.size() / 2);
        server.proxy().deniedKeys = Set.of(denied.key());
        Path db = dir.resolve("denied.duckdb");
        String where = "s3://" + FlowLogBucket.BUCKET + "/AWSLogs/aws-account-id=";
        CliRun.Result r = ingest(db, where.substring(0, where.lastIndexOf('/') + 1));
        long all = BUCKET.objects.stream()
                .filter(o -> o.key().startsWith("AWSLogs/"))
                .mapToLong(FlowLogBucket.Obj::records)
                .sum();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.json().get("records").asLong()).isEqualTo(all - denied.records());
        List<String> failed = new ArrayList<>();
        r.json()
                .get("failures")
                .forEach(f ->
                        failed.add(f.get("path").asText() + " " + f.get("error").asText()));
        assertThat(failed)
                .anySatisfy(f -> assertThat(f)
                        .startsWith("s3://flow-logs/" + denied.key())
                        .contains("access denied"));
        assertThat(failed).hasSize(2); // and the corrupt gzip

        // resumed: the next run fetches and loads exactly what is missing
        server.proxy().deniedKeys = Set.of();
        server.proxy().reset();
        CliRun.Result again = ingest(db, "s3://" + FlowLogBucket.BUCKET + "/AWSLogs/");
        assertThat(again.json().get("records").asLong()).isEqualTo(denied.records());
        assertThat(records(db)).isEqualTo(all);
        assertThat(server.proxy().seen())
                .filteredOn(s -> s.kind().equals("GET"))
                .extracting(S3FaultProxy.Seen::what)
                .containsExactly(denied.key());
        assertChecked(db);
    }

    @Test
    void newListsOnlyAfterTheLastRunsKeysAndLoadsWhatWasAdded() throws Exception {
        Path db = dir.resolve("new.duckdb");
        String where = "s3://" + FlowLogBucket.BUCKET + "/org/";
        CliRun.Result first = ingest(db, where, "--new");
        long before = BUCKET.objects.stream()
                .filter(o -> o.key().startsWith("org/"))
                .mapToLong(FlowLogBucket.Obj::records)
                .sum();
        assertThat(first.json().get("records").asLong()).isEqualTo(before);

        // objects delivered since: later times of the same flow log, and a new flow log in the newest day
        List<FlowLogBucket.Obj> added = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            added.add(BUCKET.add(
                    server, duck, dir, 4, "111111111111", "eu-west-1", FlowLogBucket.T0 + 2 * 86_400 + 600, "fl-04a"));
            added.add(BUCKET.add(
                    server,
                    duck,
                    dir,
                    4,
                    "111111111111",
                    "eu-west-1",
                    FlowLogBucket.T0 + 2 * 86_400 + 900,
                    "fl-00new"));
        }
        server.proxy().reset();
        CliRun.Result next = ingest(db, where, "--new");
        assertThat(next.json().get("records").asLong())
                .isEqualTo(added.stream().mapToLong(FlowLogBucket.Obj::records).sum());
        assertThat(next.json().get("files_loaded").asInt()).isEqualTo(2);
        // the settled day (9 March: two days before the newest listed) is not listed again; 10 and 11 March are
        long recent = BUCKET.objects.stream()
                .filter(o -> o.key().startsWith("org/") && o.fileTime() >= FlowLogBucket.T0)
                .count();
        assertThat(next.json().get("s3").get("objects_listed").asLong()).isEqualTo(recent);
        assertThat(next.json().get("s3").get("objects_loaded_before").asLong()).isEqualTo(recent - 2);
        assertThat(count("GET")).isEqualTo(2);
        assertChecked(db);
    }

    @Test
    void aBucketInAnotherRegionIsOneSentenceExitCodeOneAndNothingLoaded() throws Exception {
        server.proxy().bucketRegion = "eu-west-1";
        Path db = dir.resolve("region.duckdb");
        CliRun.Result r =
                ingest(db, "s3://" + FlowLogBucket.BUCKET + "/AWSLogs/", "--from", Long.toString(FlowLogBucket.T0));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip())
                .contains(
                        "bucket flow-logs is in region eu-west-1, not us-east-1: name its region with --bucket-region eu-west-1")
                .contains("SOURCE_WRONG_REGION")
                .doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(server.proxy().seen()).noneMatch(s -> s.kind().equals("GET"));
        assertThat(records(db)).isZero();

        // S3 answering only the GETs so: each object reported with the sentence, none of them half-loaded
        server.proxy().wrongRegionOnGets = true;
        CliRun.Result gets = ingest(db, "s3://" + FlowLogBucket.BUCKET + "/org/");
        assertThat(gets.code()).isEqualTo(1);
        assertThat(gets.json().get("files_loaded").asInt()).isZero();
        assertThat(gets.json().get("failures"))
                .isNotEmpty()
                .allSatisfy(
                        f -> assertThat(f.get("error").asText())
                                .contains(
                                        "is in region eu-west-1, not us-east-1: name its region with --bucket-region eu-west-1"));
        assertThat(records(db)).isZero();
        try (Workspace ws = Workspace.openReadOnly(db);
                Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM files")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        assertChecked(db);
    }

    @Test
    void aMissingBucketIsOneSentenceAndExitCodeOne() {
        CliRun.Result r = ingest(dir.resolve("x.duckdb"), "s3://no-such-bucket/");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bucket no-such-bucket does not exist").contains("SOURCE_NOT_FOUND");
    }

    @Test
    void missingCredentialsNameWhatToSet() {
        CliRun.Result r = ingest(
                dir.resolve("x.duckdb"), "s3://" + FlowLogBucket.BUCKET, "--profile", "flowlens-test-no-such-profile");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("no AWS credentials in profile 'flowlens-test-no-such-profile'")
                .contains("SOURCE_CREDENTIALS");
    }

    @Test
    void s3OptionsWithLocalPathsAreUsageErrors() {
        CliRun.Result r =
                CliRun.run("ingest", "--db", dir.resolve("x.duckdb").toString(), "--account", "1", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("apply to s3:// locations only");
    }
}
