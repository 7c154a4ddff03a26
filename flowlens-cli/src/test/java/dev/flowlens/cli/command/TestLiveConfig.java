package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.core.demo.DemoVpc;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code diagnose --config aws} and {@code config fetch} against {@link FakeAws} serving the demo
 * VPC's configuration through EC2's query protocol (paged two items at a time), and the coverage
 * facts that flow log descriptions give.
 */
class TestLiveConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DemoWorkspace DEMO = new DemoWorkspace();

    @RegisterExtension
    final FakeAws aws = FakeAws.perTest();

    @BeforeEach
    void start() throws Exception {
        // the demo's folder, its flow log included (flow-logs.json: ALL traffic on the VPC)
        aws.serveConfig(Path.of(DEMO.config()));
    }

    private List<String> live() {
        return List.of("--config", "aws", "--endpoint-url", aws.endpoint().toString(), "--region", "us-east-1");
    }

    /** The golden cases' options with --config replaced by {@code config}. */
    private static List<String> with(List<String> args, List<String> config) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--config")) {
                out.addAll(config);
            } else {
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void liveConfigGivesTheFoldersVerdictsAndRules() throws Exception {
        int compared = 0;
        for (Map.Entry<String, List<String>> c : TestDiagnoseGolden.cases().entrySet()) {
            if (!c.getValue().contains("--config")) {
                continue;
            }
            Diagnosis folder =
                    CloudWatchFixture.diagnose(DEMO.db(), with(c.getValue(), List.of("--config", DEMO.config())));
            Diagnosis live = CloudWatchFixture.diagnose(DEMO.db(), with(c.getValue(), live()));
            assertThat(live.verdict()).as(c.getKey()).isEqualTo(folder.verdict());
            assertThat(live.summary()).as(c.getKey()).isEqualTo(folder.summary());
            assertThat(live.causes()).as(c.getKey()).isEqualTo(folder.causes());
            assertThat(live.rules()).as(c.getKey()).isEqualTo(folder.rules());
            assertThat(live.rules()).as(c.getKey()).isNotNull();
            // the flow log is known live: ALL traffic on the VPC, for every end inside it
            assertThat(live.coverage().flowLogs())
                    .as(c.getKey())
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.partial()).isFalse());
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(5);
        // every describe call was paged to the end and signed for EC2
        assertThat(aws.count("DescribeNetworkInterfaces")).isEqualTo(3 * compared);
        assertThat(aws.requests).allSatisfy(q -> assertThat(q.authorization()).contains("/us-east-1/ec2/aws4_request"));
    }

    @Test
    void fetchedFilesReadBackToTheSameAnswers() throws Exception {
        Path out = DEMO.dir().resolve("fetched");
        Result r = run(
                "config",
                "fetch",
                "--out",
                out.toString(),
                "--endpoint-url",
                aws.endpoint().toString(),
                "--region",
                "us-east-1",
                "-o",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("counts").toString())
                .isEqualTo("{\"SecurityGroups\":4,\"NetworkAcls\":2,\"NetworkInterfaces\":5,\"FlowLogs\":1}");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(
                            "flow-logs.json", "network-acls.json", "network-interfaces.json", "security-groups.json");
        }
        // the AWS CLI's shape: the same members as the demo's files
        assertThat(JSON.readTree(out.resolve("security-groups.json").toFile())
                        .at("/SecurityGroups/0/IpPermissions/0/IpRanges/0/CidrIp")
                        .asText())
                .isEqualTo("198.51.100.10/32");
        assertThat(JSON.readTree(out.resolve("flow-logs.json").toFile())
                        .at("/FlowLogs/0/LogFormat")
                        .asText())
                .isEqualTo(DemoVpc.FORMAT.awsSpec());
        for (Map.Entry<String, List<String>> c : TestDiagnoseGolden.cases().entrySet()) {
            Diagnosis live = CloudWatchFixture.diagnose(DEMO.db(), with(c.getValue(), live()));
            Diagnosis saved =
                    CloudWatchFixture.diagnose(DEMO.db(), with(c.getValue(), List.of("--config", out.toString())));
            if (c.getValue().contains("--config")) {
                assertThat(saved).as(c.getKey()).isEqualTo(live);
            }
        }
    }

    @Test
    void deniedDescribeIsAClearFailure() {
        aws.fault("DescribeSecurityGroups", 403, "UnauthorizedOperation", 1);
        Result r = run(
                with(List.of("diagnose", "--db", DEMO.db(), "--dst", "10.0.0.5", "--port", "22", "--config"), live())
                        .toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("access denied").contains("ec2:DescribeSecurityGroups");
        Result options = run("diagnose", "--db", DEMO.db(), "--dst", "10.0.0.5", "--region", "us-east-1");
        assertThat(options.code()).isEqualTo(2);
        assertThat(options.err()).contains("apply to --config aws only");
    }

    /** The demo's configuration folder with these flow logs as describe-flow-logs JSON, instead of the demo's own. */
    /** The diagnosis of the app (10.0.2.20) reaching the database (10.0.3.30) on {@code port} with the configuration {@code dir}. */
    private Diagnosis appToDatabase(Path dir, String port) throws Exception {
        return CloudWatchFixture.diagnose(
                DEMO.db(),
                List.of("--src", "10.0.2.20", "--dst", "10.0.3.30", "--port", port, "--config", dir.toString()));
    }

    private Path configWith(ArrayNode flowLogs) throws Exception {
        Path dir = DEMO.dir().resolve("config-" + flowLogs.hashCode());
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Path.of(DEMO.config()))) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().equals("flow-logs.json")) {
                    continue;
                }
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("FlowLogs", flowLogs);
        JSON.writeValue(dir.resolve("describe-flow-logs.json").toFile(), root);
        return dir;
    }

    private static ObjectNode flowLog(ArrayNode a, String id, String resource, String traffic) {
        return a.addObject()
                .put("FlowLogId", id)
                .put("ResourceId", resource)
                .put("TrafficType", traffic)
                .put("MaxAggregationInterval", 60)
                .put("LogDestinationType", "cloud-watch-logs")
                .put("LogGroupName", FakeAws.GROUP);
    }

    @Test
    void rejectOnlyFlowLogOnTheDestinationQualifiesNoResponse() throws Exception {
        ArrayNode logs = JSON.createArrayNode();
        flowLog(logs, "fl-0aaa0000000000app", DemoVpc.APP.subnet(), "ALL");
        flowLog(logs, "fl-0bbb00000000000db", DemoVpc.DB.id(), "REJECT");
        Diagnosis d = appToDatabase(configWith(logs), "6379");
        assertThat(d.verdict()).isEqualTo(Verdict.NO_RESPONSE);
        String db = DemoVpc.DB.id() + " (10.0.3.30, the destination)";
        assertThat(d.summary())
                .endsWith(" This rests on records that may not exist: " + db + " records REJECT traffic only.");
        assertThat(d.coverage().notes())
                .contains(
                        db + " is logged by fl-0bbb00000000000db (REJECT only, 60 s aggregation, on " + DemoVpc.DB.id()
                                + "): accepted traffic is never recorded there",
                        DemoVpc.APP.id() + " (10.0.2.20, the source) is logged by fl-0aaa0000000000app "
                                + "(ALL traffic, 60 s aggregation, on " + DemoVpc.APP.subnet()
                                + "): accepted and rejected traffic are recorded");
        assertThat(d.causes().get(0))
                .isEqualTo(db + " records REJECT traffic only: a reply there may have happened without a record");
        String text = CloudWatchFixture.text(d);
        assertThat(text)
                .contains("Coverage:")
                .contains("  - " + db + " is logged by fl-0bbb00000000000db (REJECT only");
        // the ENI with facts is no longer guessed at from its records
        assertThat(d.coverage().notes())
                .noneMatch(n -> n.contains("if its flow log captures") && n.contains(DemoVpc.DB.id()));
    }

    @Test
    void noFlowLogOnTheClientQualifiesNotObserved() throws Exception {
        ArrayNode logs = JSON.createArrayNode();
        flowLog(logs, "fl-0bbb00000000000db", DemoVpc.DB.subnet(), "ALL");
        Path dir = configWith(logs);
        Diagnosis d = appToDatabase(dir, "9999");
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_OBSERVED);
        String app = DemoVpc.APP.id() + " (10.0.2.20, the source)";
        assertThat(d.coverage().notes())
                .contains(app + " has no flow log (none on the ENI, " + DemoVpc.APP.subnet() + " or " + DemoVpc.VPC
                        + "): its traffic is never recorded");
        assertThat(d.summary()).endsWith(" This rests on records that may not exist: " + app + " has no flow log.");
        assertThat(d.causes()).contains(app + " has no flow log: attempts there may have happened without a record");
        assertThat(CloudWatchFixture.text(d)).contains("  - " + app + " has no flow log");
        // and JSON carries the facts per end
        Result json = run(
                "diagnose",
                "--db",
                DEMO.db(),
                "--src",
                "10.0.2.20",
                "--dst",
                "10.0.3.30",
                "--port",
                "9999",
                "--config",
                dir.toString(),
                "-o",
                "json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.json().at("/coverage/flow_logs/0/eni").asText()).isEqualTo(DemoVpc.APP.id());
        assertThat(json.json().at("/coverage/flow_logs/0/flow_logs").size()).isZero();
        assertThat(json.json()
                        .at("/coverage/flow_logs/1/flow_logs/0/traffic_type")
                        .asText())
                .isEqualTo("ALL");
    }
}
