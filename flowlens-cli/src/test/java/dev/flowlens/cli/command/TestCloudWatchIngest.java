package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.core.demo.DemoVpc;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest cloudwatch:LOG_GROUP} end to end: the real AWS SDK clients against {@link FakeAws}
 * on loopback, serving the demo VPC's records as a stream per ENI.
 */
class TestCloudWatchIngest {
    @RegisterExtension
    static final DemoWorkspace DEMO = new DemoWorkspace();

    @TempDir
    Path tmp;

    @RegisterExtension
    final FakeAws aws = FakeAws.perTest();

    List<FakeAws.Event> events;

    @BeforeEach
    void start() throws Exception {
        events = CloudWatchFixture.serveDemo(aws);
    }

    private String db() {
        return tmp.resolve("cw.db").toString();
    }

    private Result ingest(String... extra) {
        List<String> args = aws.ingestArgs(db(), FakeAws.GROUP);
        args.addAll(List.of("-o", "json"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private long count(String sql) throws Exception {
        try (Workspace ws = Workspace.openReadOnly(Path.of(db()));
                Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void readsEveryPageThroughEmptyPagesAndThrottlingWithTheFlowLogsFormat() throws Exception {
        aws.logsPageSize = 700;
        aws.emptyPagesBetween = 2;
        aws.fault("FilterLogEvents", 400, "ThrottlingException", 2);
        Result r = ingest();
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        int pages = (events.size() + 699) / 700;
        assertThat(pages).isGreaterThan(5);
        JsonNode cw = j.get("cloudwatch");
        assertThat(cw.get("events_loaded").asLong()).isEqualTo(events.size());
        assertThat(j.get("records").asLong()).isEqualTo(events.size());
        assertThat(j.get("bad_lines").asLong()).isZero();
        assertThat(cw.get("pages").asLong()).isEqualTo(pages + 2L * (pages - 1));
        assertThat(cw.get("empty_pages").asLong()).isEqualTo(2L * (pages - 1));
        assertThat(cw.get("throttled").asLong()).isEqualTo(2);
        assertThat(cw.get("requests").asLong()).isEqualTo(pages + 2L * (pages - 1) + 2);
        assertThat(cw.get("format_source").asText())
                .contains("ec2:DescribeFlowLogs")
                .contains(DemoVpc.FLOW_LOG_ID);
        assertThat(cw.get("notes").toString()).contains("throttled 2 request(s)");
        // every request was signed with SigV4 for its service
        synchronized (aws.requests) {
            assertThat(aws.requests)
                    .isNotEmpty()
                    .allSatisfy(q -> assertThat(q.authorization())
                            .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                            .contains("/us-east-1/" + q.service() + "/aws4_request")
                            .contains("SignedHeaders=")
                            .contains("Signature="));
        }
        // a stream per ENI, every event once; the ISO times before some messages are not part of the record
        assertThat(count("SELECT count(*) FROM flows")).isEqualTo(events.size());
        assertThat(count("SELECT count(DISTINCT log_stream) FROM flows")).isEqualTo(DemoVpc.ENIS.size());
        assertThat(count("SELECT count(*) FROM flows WHERE log_stream <> interface_id || '-all'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM cloudwatch_events")).isEqualTo(events.size());

        // the same window again adds nothing and asks the service once more for every page
        Result again = ingest();
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.json().get("cloudwatch").get("events_loaded").asLong()).isZero();
        assertThat(again.json().get("cloudwatch").get("events_loaded_before").asLong())
                .isEqualTo(events.size());
        assertThat(count("SELECT count(*) FROM flows")).isEqualTo(events.size());
    }

    @Test
    void anExpiredNextTokenRestartsTheQueryAndLoadsEachEventOnce() throws Exception {
        aws.logsPageSize = 1000;
        aws.expireTokenAt = 4;
        Result r = ingest();
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode cw = r.json().get("cloudwatch");
        assertThat(cw.get("expired_token_restarts").asLong()).isEqualTo(1);
        // pages 1-3 came again after the restart and were skipped by event id
        assertThat(cw.get("events_loaded").asLong()).isEqualTo(events.size());
        assertThat(cw.get("events_loaded_before").asLong()).isEqualTo(3000);
        assertThat(cw.get("notes").toString()).contains("refused 1 nextToken(s) (expired)");
        assertThat(count("SELECT count(*) FROM flows")).isEqualTo(events.size());
    }

    @Test
    void anOverlappingWindowAddsOnlyTheNewEvents() throws Exception {
        long mid = DemoVpc.START + DemoVpc.DURATION / 2;
        Result first = ingest("--to", Long.toString(mid));
        assertThat(first.code()).as(first.err()).isZero();
        long upToMid =
                events.stream().filter(e -> e.timestamp() <= mid * 1000 + 999).count();
        assertThat(first.json().get("cloudwatch").get("events_loaded").asLong()).isEqualTo(upToMid);
        Result second = ingest("--from", Long.toString(mid - 600));
        assertThat(second.code()).as(second.err()).isZero();
        long overlap = events.stream()
                .filter(e -> e.timestamp() >= (mid - 600) * 1000 && e.timestamp() <= mid * 1000 + 999)
                .count();
        assertThat(overlap).isPositive();
        assertThat(second.json().get("cloudwatch").get("events_loaded_before").asLong())
                .isEqualTo(overlap);
        assertThat(count("SELECT count(*) FROM flows")).isEqualTo(events.size());
    }

    @Test
    void eniPicksItsStreamAndTheDiagnosisMatchesTheFiles() throws Exception {
        Result r = ingest("--eni", DemoVpc.DB.id());
        assertThat(r.code()).as(r.err()).isZero();
        long dbEvents = events.stream()
                .filter(e -> e.stream().equals(DemoVpc.DB.id() + "-all"))
                .count();
        assertThat(r.json().get("cloudwatch").get("events_loaded").asLong()).isEqualTo(dbEvents);
        assertThat(r.json().get("cloudwatch").get("streams").toString()).contains(DemoVpc.DB.id() + "-all");
        assertThat(aws.count("DescribeLogStreams")).isEqualTo(1);
        assertThat(aws.requests.stream().filter(q -> q.action().equals("FilterLogEvents")))
                .allSatisfy(q -> assertThat(q.body()).contains("\"logStreamNames\":[\"" + DemoVpc.DB.id() + "-all\"]"));
        // the rest of the group, then the same verdicts, causes and rules as the demo's files give
        assertThat(ingest().code()).isZero();
        assertThat(count("SELECT count(*) FROM flows")).isEqualTo(events.size());
        for (List<String> args : TestDiagnoseGolden.cases().values()) {
            List<String> withConfig = new ArrayList<>();
            for (String a : args) {
                withConfig.add(a);
                if (a.equals("--config")) {
                    withConfig.add(DEMO.config());
                }
            }
            Diagnosis fromFiles = CloudWatchFixture.diagnose(DEMO.db(), withConfig);
            Diagnosis fromLogs = CloudWatchFixture.diagnose(db(), withConfig);
            assertThat(fromLogs.verdict()).as(args.toString()).isEqualTo(fromFiles.verdict());
            assertThat(fromLogs.groups()).as(args.toString()).isEqualTo(fromFiles.groups());
            assertThat(fromLogs.causes()).as(args.toString()).isEqualTo(fromFiles.causes());
            assertThat(fromLogs.rules()).as(args.toString()).isEqualTo(fromFiles.rules());
        }
    }

    @Test
    void filterPatternTravelsToTheService() throws Exception {
        Result r = ingest("--filter", "\"REJECT\"");
        assertThat(r.code()).as(r.err()).isZero();
        long rejects =
                events.stream().filter(e -> e.message().contains("REJECT")).count();
        assertThat(rejects).isPositive().isLessThan(events.size());
        assertThat(r.json().get("cloudwatch").get("events_loaded").asLong()).isEqualTo(rejects);
        assertThat(aws.requests.stream().filter(q -> q.action().equals("FilterLogEvents")))
                .allSatisfy(q -> assertThat(q.body()).contains("\"filterPattern\":\"\\\"REJECT\\\"\""));
        assertThat(count("SELECT count(*) FROM flows WHERE action <> 'REJECT'")).isZero();
    }

    @Test
    void withoutDescribeFlowLogsTheFormatOptionIsUsed() throws Exception {
        aws.fault("DescribeFlowLogs", 403, "UnauthorizedOperation", 1);
        Result r = ingest("--format", DemoVpc.FORMAT.awsSpec());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode cw = r.json().get("cloudwatch");
        assertThat(cw.get("format_source").asText()).isEqualTo("--format");
        assertThat(cw.get("notes").toString())
                .contains("cannot read the flow log's format")
                .contains("ec2:DescribeFlowLogs");
        assertThat(r.json().get("bad_lines").asLong()).isZero();
        assertThat(count("SELECT count(*) FROM flows")).isEqualTo(events.size());
    }

    @Test
    void accessDeniedAndExpiredCredentialsAreClearFailures() throws Exception {
        aws.fault("FilterLogEvents", 400, "AccessDeniedException", 1);
        Result denied = ingest();
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err()).contains("access denied").contains("logs:FilterLogEvents");

        aws.fault("FilterLogEvents", 400, "ExpiredTokenException", 1);
        Result expired = ingest();
        assertThat(expired.code()).isEqualTo(1);
        assertThat(expired.err()).contains("refused the credentials (ExpiredTokenException)");

        Result missing = run(aws.ingestArgs(db(), "/no/such/group").toArray(String[]::new));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("not found");
        assertThat(count("SELECT count(*) FROM flows")).isZero();
    }

    @Test
    void cloudWatchOptionsNeedALogGroup() throws Exception {
        Result r = run("ingest", "--db", db(), tmp.toString(), "--follow");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("apply to cloudwatch:LOG_GROUP only");
        // an option given at its default value is given all the same
        Result defaultPageSize = run("ingest", "--db", db(), tmp.toString(), "--page-size", "10000");
        assertThat(defaultPageSize.code()).isEqualTo(2);
        assertThat(defaultPageSize.err()).contains("apply to cloudwatch:LOG_GROUP only");
        Result mixed = run("ingest", "--db", db(), "cloudwatch:/a", tmp.toString());
        assertThat(mixed.code()).isEqualTo(2);
        Result s3Only = ingest("--account", "123456789012");
        assertThat(s3Only.code()).isEqualTo(2);
        assertThat(s3Only.err()).contains("apply to s3:// only");
        // search's filters choose what --follow prints: without --follow they would filter nothing
        Result filterOnly = ingest("--dst", "10.0.3.30", "--action", "reject");
        assertThat(filterOnly.code()).isEqualTo(2);
        assertThat(filterOnly.err()).contains("they need --follow");
        Result badFilter = ingest("--follow", "--port", "70000");
        assertThat(badFilter.code()).isEqualTo(2);
        assertThat(badFilter.err()).contains("--port");
        assertThat(count("SELECT count(*) FROM flows")).isZero();
    }
}
