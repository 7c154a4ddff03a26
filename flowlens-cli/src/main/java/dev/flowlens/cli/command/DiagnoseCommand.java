package dev.flowlens.cli.command;

import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.cli.WorkspaceOption;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.cli.output.Times;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.conversation.TcpFlags;
import dev.flowlens.core.diagnosis.AttemptGroup;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.EndFlowLogs;
import dev.flowlens.core.diagnosis.EniCoverage;
import dev.flowlens.core.diagnosis.Verdict;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.rules.RuleFinding;
import dev.flowlens.core.time.TimeParser;
import dev.flowlens.sources.awsconfig.AwsConfigReader;
import dev.flowlens.sources.awsconfig.LiveConfig;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.diagnosis.DiagnosisService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Is it the network? Gives a verdict for the connection attempts from --src to --dst (and --port),",
            "the likely causes in order and the records that prove it. Without --src it covers every client",
            "of the service --dst --port."})
public final class DiagnoseCommand implements Callable<Integer> {
    /** How the diagnosis is printed. */
    public enum Output {
        TEXT,
        JSON
    }

    @Mixin
    WorkspaceOption workspace;

    /** Adds the list of verdicts, taken from {@link Verdict}, to the description of the command. */
    public static void listVerdicts(CommandSpec spec) {
        List<String> description = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
        description.add("Verdicts: " + String.join(", ", Arrays.stream(Verdict.values()).map(Verdict::name).toList()) + ".");
        spec.usageMessage().description(description.toArray(String[]::new));
    }

    @Option(names = "--src", paramLabel = "ADDR|CIDR", description = "The client address or block (default: any client).")
    String src;

    @Option(names = "--dst", paramLabel = "ADDR|CIDR", required = true, description = "The server address or block.")
    String dst;

    @Option(names = "--port", paramLabel = "N", description = "The server port (default: any).")
    String port;

    @Option(names = "--protocol", paramLabel = "P", description = "tcp, udp, icmp, icmpv6 or a number (default: any).")
    String protocol;

    @Option(names = "--from", paramLabel = "TIME", description = "Start of the window: ISO-8601, epoch seconds or relative (-2h).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the window.")
    String to;

    @Option(names = "--config", paramLabel = "DIR|aws",
            description = {"Folder with the JSON of aws ec2 describe-security-groups, describe-network-acls, describe-network-interfaces",
                "(and describe-flow-logs: what each end's flow log captures), or 'aws' to read them live: names the rule responsible."})
    String config;

    /** The AWS options of --config aws. */
    @Mixin
    AwsOptions aws;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json (default: text).")
    Output output = Output.TEXT;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        print(diagnose());
        return 0;
    }

    Diagnosis diagnose() throws Exception {
        DiagnosisRequest request = request();
        NetworkConfig rules = networkConfig();
        try (Workspace ws = Workspace.openReadOnly(workspace.path())) {
            return new DiagnosisService(ws.connection(), rules, clock).diagnose(request);
        }
    }

    /** The --config folder's, or the account's with --config aws (LIVE), or none. */
    private NetworkConfig networkConfig() {
        if (config == null || !LIVE.equals(config)) {
            if (aws.anyGiven()) {
                throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--profile, --region, --role-arn, --external-id and --endpoint-url apply to --config aws only");
            }
            return config == null ? NetworkConfig.EMPTY : new AwsConfigReader().read(Path.of(config));
        }
        try (LiveConfig live = new LiveConfig(aws.clientConfig())) {
            return live.read();
        }
    }

    static final String LIVE = "aws";

    void print(Diagnosis d) {
        Printer printer = new Printer(spec.commandLine().getOut());
        if (output == Output.JSON) {
            printer.printJson(json(d));
        } else {
            text(printer, d);
        }
    }

    DiagnosisRequest request() {
        TimeWindow window = new TimeParser(clock).parseWindow(from, to);
        Integer p = null;
        if (port != null) {
            try {
                p = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0 || p > 65535) {
                throw new FlowlensException(ErrorCode.INVALID_PORT, "--port '" + port + "' is not a port: use a number 0-65535");
            }
        }
        return new DiagnosisRequest(src == null ? null : Cidr.parse(src), Cidr.parse(dst), p,
                protocol == null ? null : Protocols.parse(protocol), window.from(), window.to());
    }

    static Map<String, Object> json(Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", d.verdict().name());
        m.put("summary", d.summary());
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (AttemptGroup g : d.groups()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("verdict", g.verdict().name());
            a.put("count", g.count());
            a.put("started", Times.iso(g.started()));
            a.put("ended", Times.iso(g.ended()));
            a.put("clients", g.clients());
            a.put("enis", g.enis());
            a.put("reason", g.reason());
            attempts.add(a);
        }
        m.put("attempts", attempts);
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (Flow f : d.evidence()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", f.path());
            e.put("line", f.line());
            e.put("eni", f.eni());
            e.put("srcaddr", f.srcaddr());
            e.put("dstaddr", f.dstaddr());
            e.put("srcport", f.srcport());
            e.put("dstport", f.dstport());
            e.put("protocol", f.protocol());
            e.put("action", f.action().name());
            e.put("tcp_flags", f.tcpFlags());
            e.put("start", Times.iso(f.start()));
            e.put("end", Times.iso(f.end()));
            e.put("packets", f.packets());
            e.put("bytes", f.bytes());
            if (f.pktSrcaddr() != null || f.pktDstaddr() != null) {
                e.put("pkt_srcaddr", f.pktSrcaddr());
                e.put("pkt_dstaddr", f.pktDstaddr());
            }
            if (f.flowDirection() != null) {
                e.put("flow_direction", f.flowDirection());
            }
            evidence.add(e);
        }
        m.put("evidence", evidence);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("from", d.coverage().from() == null ? null : Times.iso(d.coverage().from()));
        c.put("to", d.coverage().to() == null ? null : Times.iso(d.coverage().to()));
        List<Map<String, Object>> enis = new ArrayList<>();
        for (EniCoverage e : d.coverage().enis()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("eni", e.eni());
            x.put("first", e.first() == null ? null : Times.iso(e.first()));
            x.put("last", e.last() == null ? null : Times.iso(e.last()));
            x.put("accepted", e.accepted());
            x.put("rejected", e.rejected());
            x.put("nodata_in_window", e.noDataInWindow());
            x.put("skipdata_in_window", e.skipDataInWindow());
            enis.add(x);
        }
        c.put("enis", enis);
        c.put("nodata", d.coverage().noData());
        c.put("skipdata", d.coverage().skipData());
        c.put("accept_only_enis", d.coverage().acceptOnlyEnis());
        c.put("reject_only_enis", d.coverage().rejectOnlyEnis());
        c.put("newest_record_end", d.coverage().newestRecordEnd() == null ? null : Times.iso(d.coverage().newestRecordEnd()));
        c.put("notes", d.coverage().notes());
        if (!d.coverage().flowLogs().isEmpty()) {
            // the flow log descriptions' facts per end (only when --config has them: output without them is unchanged)
            List<Map<String, Object>> ends = new ArrayList<>();
            for (EndFlowLogs e : d.coverage().flowLogs()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("role", e.role());
                x.put("address", e.address());
                x.put("eni", e.eni());
                x.put("subnet", e.subnet());
                x.put("vpc", e.vpc());
                x.put("captures_accept", e.known() ? e.capturesAccepted() : null);
                x.put("captures_reject", e.known() ? e.capturesRejected() : null);
                x.put("flow_logs", e.flowLogs().stream().map(f -> {
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("flow_log_id", f.flowLogId());
                    l.put("resource_id", f.resourceId());
                    l.put("traffic_type", f.trafficType().name());
                    l.put("max_aggregation_interval", f.maxAggregationSeconds());
                    l.put("log_format", f.logFormat());
                    l.put("destination_type", f.destinationType());
                    l.put("log_group", f.logGroupName());
                    return l;
                }).toList());
                ends.add(x);
            }
            c.put("flow_logs", ends);
        }
        m.put("coverage", c);
        m.put("causes", d.causes());
        if (d.rules() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            List<Map<String, Object>> findings = new ArrayList<>();
            for (RuleFinding f : d.rules().findings()) {
                // keys in a fixed order (Map.of iterates in a different order in each JVM)
                Map<String, Object> finding = new LinkedHashMap<>();
                finding.put("step", f.step().name());
                finding.put("allowed", f.allowed());
                finding.put("rule", f.text());
                findings.add(finding);
            }
            r.put("findings", findings);
            r.put("blocking", d.rules().blocking() == null ? null : d.rules().blocking().text());
            r.put("notes", d.rules().notes());
            m.put("rules", r);
        }
        return m;
    }

    static void text(Printer printer, Diagnosis d) {
        PrintWriter out = printer.writer();
        out.println(d.verdict().name());
        out.println(TerminalText.escape(d.summary()));
        if (!d.groups().isEmpty()) {
            out.println();
            out.println("Attempts:");
            List<List<Object>> rows = new ArrayList<>();
            for (AttemptGroup g : d.groups()) {
                rows.add(Arrays.asList(g.verdict().name(), g.count(), Times.iso(g.started()), Times.iso(g.ended()),
                        String.join(" ", g.clients()), String.join(" ", g.enis())));
            }
            printer.print(new Table(List.of("verdict", "attempts", "started", "ended", "clients", "enis"), rows),
                    dev.flowlens.cli.output.OutputFormat.TABLE);
        }
        out.println();
        out.println("Likely causes:");
        for (int i = 0; i < d.causes().size(); i++) {
            out.println("  " + (i + 1) + ". " + TerminalText.escape(d.causes().get(i)));
        }
        if (d.rules() != null) {
            out.println();
            out.println("Rules (--config):");
            for (RuleFinding f : d.rules().findings()) {
                out.println("  " + (f.allowed() ? "allow " : "DENY  ") + TerminalText.escape(f.text()));
            }
            for (String n : d.rules().notes()) {
                out.println("  note: " + TerminalText.escape(n));
            }
        }
        out.println();
        out.println("Coverage:");
        for (String n : d.coverage().notes()) {
            out.println("  - " + TerminalText.escape(n));
        }
        if (!d.evidence().isEmpty()) {
            out.println();
            out.println("Evidence:");
            List<List<Object>> rows = new ArrayList<>();
            for (Flow f : d.evidence()) {
                rows.add(Arrays.asList(f.path() + ":" + f.line(), f.eni(), f.srcaddr() + ":" + f.srcport(), f.dstaddr() + ":" + f.dstport(),
                        Protocols.name(f.protocol()), f.action().name(), TcpFlags.names(f.tcpFlags()), Times.iso(f.start()),
                        Times.iso(f.end()), f.packets(), f.bytes()));
            }
            printer.print(new Table(List.of("record", "eni", "src", "dst", "proto", "action", "flags", "start", "end", "packets", "bytes"),
                    rows), dev.flowlens.cli.output.OutputFormat.TABLE);
        }
        out.flush();
    }
}
