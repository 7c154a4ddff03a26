package dev.flowlens.spark;

import dev.flowlens.core.diagnosis.ConversationColumns;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.options.DemoLogsOptions;
import dev.flowlens.options.OutputFormat;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "demo",
        description = {
            "Generate the demo VPC's two hours of flow logs (as flowlens demo does: deterministic, S3 layout, gzip),",
            "ingest them into the lake --lake, and ask it the demo's question: is it the network from 10.0.2.20 to",
            "10.0.3.30 on port 6379? Prints the verdict and the busiest conversations, then commands to try next."
        })
public final class SparkDemoCommand extends OnLakeCommand {
    @Mixin
    DemoLogsOptions logs;

    @Override
    protected int run(PrintWriter out) throws Exception {
        logs.write(out);
        out.flush();
        LakeIngest.Summary s = new LakeIngest(lake.master.session(), lake.lake, null, clock)
                .ingest(List.of(logs.dir().toAbsolutePath().toString()));
        out.printf(
                "Loaded %d file(s) (%d already there): %,d records, %,d bad lines in %.2f s into the lake %s%n%n",
                s.filesLoaded(), s.filesSkipped(), s.records(), s.badLines(), s.seconds(), lake.lake);
        Lake l = lake.open();
        DiagnosisRequest question =
                new DiagnosisRequest(Cidr.parse("10.0.2.20"), Cidr.parse("10.0.3.30"), 6379, null, null, null);
        Diagnosis d = new LakeDiagnosis(l.flows(), l.paths()).diagnose(question, NetworkConfig.EMPTY, clock);
        out.println("Is it the network from 10.0.2.20 to 10.0.3.30 on port 6379? "
                + d.verdict().name());
        out.println(d.summary());
        out.println();
        out.println("The busiest conversations:");
        List<List<Object>> rows = ConversationColumns.rows(new LakeConversations(l.flows()).top(FlowFilter.ANY, 5));
        SparkSqlCommand.print(
                out, OutputFormat.TABLE, new SparkSqlCommand.Result(ConversationColumns.NAMES, rows, false));
        String on = " --lake " + lake.lake;
        out.println();
        out.println("Try next:");
        out.println("  ./flowlens spark diagnose" + on + " --src 10.0.2.20 --dst 10.0.3.30 --port 5433   reset");
        out.println("  ./flowlens spark conversations" + on + " --ip 10.0.3.30 --limit 20   who talks to the database");
        out.println("  ./flowlens spark report top-talkers" + on);
        out.println("  ./flowlens spark sql" + on + " 'SELECT action, count(*) FROM flows GROUP BY action'");
        return s.filesFailed() > 0 ? 1 : 0;
    }
}
