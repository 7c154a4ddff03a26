package dev.flowlens.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flowlens.cli.FlowlensCli;
import dev.flowlens.core.demo.DemoVpc;
import dev.flowlens.core.diagnosis.Diagnosis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The demo VPC's records as CloudWatch Logs events (a stream per ENI), and helpers shared by the AWS tests. */
final class CloudWatchFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudWatchFixture() {}

    /** Fake credentials and region for the SDK's default chain (system properties come first in it). */
    static void credentials() {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        System.setProperty("aws.region", "us-east-1");
    }

    /** Has {@code aws} serve the demo's events and its flow log (ALL traffic); returns the events. */
    static List<FakeAws.Event> serveDemo(FakeAws aws) {
        List<FakeAws.Event> events = demoEvents();
        aws.events.addAll(events);
        aws.serveFlowLogs(demoFlowLog("ALL"));
        return events;
    }

    /**
     * The demo's records (seed 42) as events: stream {@code ENI-all}, time the record's start, ids
     * unique and fixed; every third message carries the ISO-8601 time CloudWatch exports put before it.
     */
    static List<FakeAws.Event> demoEvents() {
        List<FakeAws.Event> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Long, List<String>> file : new DemoVpc(42).files().entrySet()) {
            for (String line : file.getValue()) {
                String[] f = line.split(" ");
                long start = Long.parseLong(f[10]);
                long end = Long.parseLong(f[11]);
                String message = i % 3 == 0 ? Instant.ofEpochSecond(start) + " " + line : line;
                out.add(new FakeAws.Event(
                        String.format("%056d", 37_000_000_000L + i),
                        f[2] + "-all",
                        start * 1000,
                        end * 1000 + 60_000,
                        message));
                i++;
            }
        }
        out.sort(Comparator.comparingLong(FakeAws.Event::timestamp).thenComparing(FakeAws.Event::id));
        return out;
    }

    /** The demo's flow log, as describe-flow-logs prints it: on the VPC, ALL traffic, to {@link FakeAws#GROUP}, the demo's format. */
    static ArrayNode demoFlowLog(String trafficType) {
        ArrayNode a = JSON.createArrayNode();
        a.addObject()
                .put("CreationTime", "2026-11-01T10:00:00.000Z")
                .put("DeliverLogsPermissionArn", "arn:aws:iam::123456789012:role/flow-logs")
                .put("DeliverLogsStatus", "SUCCESS")
                .put("FlowLogId", DemoVpc.FLOW_LOG_ID)
                .put("FlowLogStatus", "ACTIVE")
                .put("LogGroupName", FakeAws.GROUP)
                .put("ResourceId", DemoVpc.VPC)
                .put("TrafficType", trafficType)
                .put("LogDestinationType", "cloud-watch-logs")
                .put("LogFormat", DemoVpc.FORMAT.awsSpec())
                .put("MaxAggregationInterval", 60);
        return a;
    }

    /** The diagnosis {@code diagnose --db DB ARGS} gives at the golden tests' clock. */
    static Diagnosis diagnose(String db, List<String> args) throws Exception {
        List<String> all = new ArrayList<>(List.of("diagnose", "--db", db));
        all.addAll(args);
        CommandLine cl = FlowlensCli.commandLine(
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        cl.parseArgs(all.toArray(String[]::new));
        DiagnoseCommand command = cl.getSubcommands().get("diagnose").getCommand();
        command.clock = TestDiagnoseGolden.CLOCK;
        return command.diagnose();
    }

    /** The text diagnose prints for a diagnosis. */
    static String text(Diagnosis d) {
        StringWriter out = new StringWriter();
        DiagnoseCommand.text(new dev.flowlens.cli.output.Printer(new PrintWriter(out, true)), d);
        return out.toString();
    }
}
