package dev.flowlens.cli.command;

import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.cli.output.Times;
import dev.flowlens.core.conversation.TcpFlags;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisDocument;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.Verdict;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.rules.RuleFinding;
import dev.flowlens.options.DiagnosisOptions;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.sources.awsconfig.AwsConfigReader;
import dev.flowlens.sources.awsconfig.LiveConfig;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.diagnosis.DiagnosisService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Command(
        name = "diagnose",
        description = {
            "Is it the network? Gives a verdict for the connection attempts from --src to --dst (and --port),",
            "the likely causes in order and the records that prove it. Without --src it covers every client",
            "of the service --dst --port."
        })
public final class DiagnoseCommand extends WorkspaceCommand {
    /** Adds the list of verdicts, taken from {@link Verdict}, to the description of the command. */
    public static void listVerdicts(CommandSpec spec) {
        List<String> description =
                new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
        description.add("Verdicts: "
                + String.join(
                        ", ", Arrays.stream(Verdict.values()).map(Verdict::name).toList()) + ".");
        spec.usageMessage().description(description.toArray(String[]::new));
    }

    @Mixin
    DiagnosisOptions target;

    @Option(names = "--config", paramLabel = "DIR|aws", descriptionKey = "diagnose.config")
    String config;

    /** The AWS options of --config aws. */
    @Mixin
    AwsOptions aws;

    Clock clock = Clock.systemUTC();

    @Override
    protected int run(PrintWriter out) throws Exception {
        print(diagnose());
        return 0;
    }

    Diagnosis diagnose() throws Exception {
        DiagnosisRequest request = request();
        NetworkConfig rules = networkConfig();
        try (Workspace ws = workspace.openReadOnly()) {
            return new DiagnosisService(ws.connection(), rules, clock).diagnose(request);
        }
    }

    /** The --config folder's, or the account's with --config aws (LIVE), or none. */
    private NetworkConfig networkConfig() {
        if (config == null || !LIVE.equals(config)) {
            if (aws.anyGiven()) {
                throw new FlowlensException(
                        ErrorCode.INVALID_ARGUMENT,
                        "--profile, --region, --role-arn, --external-id and --endpoint-url apply to --config aws only");
            }
            return config == null ? NetworkConfig.EMPTY : new AwsConfigReader().read(Path.of(config));
        }
        try (LiveConfig live = new LiveConfig(aws.clientConfig())) {
            return live.read();
        }
    }

    static final String LIVE = "aws";

    void print(Diagnosis d) {
        Printer printer = printer();
        if (target.output == DiagnosisOptions.Output.JSON) {
            printer.printJson(DiagnosisDocument.of(d));
        } else {
            text(printer, d);
        }
    }

    DiagnosisRequest request() {
        return target.request(clock);
    }

    static void text(Printer printer, Diagnosis d) {
        PrintWriter out = printer.writer();
        out.println(d.verdict().name());
        out.println(TerminalText.escape(d.summary()));
        if (!d.groups().isEmpty()) {
            section(
                    printer,
                    "Attempts:",
                    List.of("verdict", "attempts", "started", "ended", "clients", "enis"),
                    d.groups(),
                    g -> Arrays.asList(
                            g.verdict().name(),
                            g.count(),
                            Times.iso(g.started()),
                            Times.iso(g.ended()),
                            String.join(" ", g.clients()),
                            String.join(" ", g.enis())));
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
            section(
                    printer,
                    "Evidence:",
                    List.of(
                            "record", "eni", "src", "dst", "proto", "action", "flags", "start", "end", "packets",
                            "bytes"),
                    d.evidence(),
                    f -> Arrays.asList(
                            f.path() + ":" + f.line(),
                            f.eni(),
                            f.srcaddr() + ":" + f.srcport(),
                            f.dstaddr() + ":" + f.dstport(),
                            Protocols.name(f.protocol()),
                            f.action().name(),
                            TcpFlags.names(f.tcpFlags()),
                            Times.iso(f.start()),
                            Times.iso(f.end()),
                            f.packets(),
                            f.bytes()));
        }
        out.flush();
    }

    /** A blank line, the heading, and a table of one row per item. */
    private static <T> void section(
            Printer printer, String heading, List<String> columns, List<T> items, Function<T, List<Object>> row) {
        printer.writer().println();
        printer.writer().println(heading);
        List<List<Object>> rows = new ArrayList<>();
        for (T item : items) {
            rows.add(row.apply(item));
        }
        printer.print(new Table(columns, rows), OutputFormat.TABLE);
    }
}
