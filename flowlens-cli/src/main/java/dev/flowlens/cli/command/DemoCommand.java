package dev.flowlens.cli.command;

import dev.flowlens.core.demo.DemoVpc;
import dev.flowlens.options.DemoLogsOptions;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        description = {
            "Generate two hours of a demo VPC's flow logs (deterministic, S3 layout, gzip) and load them.",
            "The VPC has web, app, database and bastion hosts, internet clients, background traffic and deliberate",
            "failures: rejected inbound, rejected reply, no response, reset, rejected egress, and a rule change."
        })
public final class DemoCommand extends WorkspaceCommand {
    @Mixin
    DemoLogsOptions logs;

    @Option(names = "--config-dir", paramLabel = "DIR")
    Path configDir = Path.of("demo-config");

    @Override
    protected int run(PrintWriter out) throws Exception {
        logs.write(out);
        DemoConfig.write(configDir);
        out.printf(
                "Wrote its security groups, network ACLs, interfaces and flow log (AWS CLI JSON) to %s%n",
                configDir.toAbsolutePath());
        IngestSummary s;
        try (Workspace ws = workspace.open()) {
            s = new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(logs.dir()));
        }
        out.printf(
                "Loaded %d file(s) (%d already there): %,d records, %,d bad lines in %.2f s into %s%n",
                s.filesLoaded(),
                s.filesSkipped(),
                s.records(),
                s.badLines(),
                s.seconds(),
                workspace.path().toAbsolutePath());
        String db = !workspace.given() ? "" : " --db " + workspace.path();
        out.println();
        out.println("The demo VPC (2026-11-20 10:00-12:00 UTC):");
        for (DemoVpc.Eni eni : DemoVpc.ENIS) {
            out.printf("  %-8s %-15s %s%n", eni.name(), eni.address(), eni.id());
        }
        out.println();
        String config = " --config " + configDir;
        out.println("Try next:");
        out.println("  ./flowlens info" + db + "                     what the workspace holds");
        out.println("  ./flowlens streams" + db + "                  one log stream per network interface");
        out.println("  ./flowlens search" + db
                + " --ip 203.0.113.77 '\" REJECT \"'        rejected records of one address");
        out.println("  ./flowlens diagnose" + db + " --src 10.0.2.20 --dst 10.0.3.30 --port 6379" + config
                + "   is it the network?");
        out.println("  ./flowlens diagnose" + db + " --src 10.0.1.10 --dst 10.0.2.20 --port 8080" + config
                + "   worked, then stopped");
        out.println("  ./flowlens diagnose" + db + " --dst 10.0.0.5 --port 22" + config
                + "   every client of the bastion's SSH");
        out.println("  ./flowlens conversations" + db + " --ip 10.0.3.30 --limit 20      who talks to the database");
        out.println(
                "  ./flowlens report --list" + db + "             ready-made reports (top talkers, port scans, ...)");
        out.println(
                "  ./flowlens query" + db
                        + " 'filter action = \"REJECT\" | stats count(*) as rejected by srcAddr | sort rejected desc | limit 5'");
        out.println("  ./flowlens --help                        all commands");
        return s.filesFailed() > 0 ? 1 : 0;
    }
}
