package dev.flowlens.spark;

import dev.flowlens.core.lake.FileOutcome;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.options.OutputOption;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "ingest",
        description = {
            "Read flow log files (local paths, s3a:// or hdfs:// URIs, folders, globs) into the Parquet lake --lake,",
            "partitioned by account, region, date and hour. Files the lake's manifest has loaded are skipped."
        })
public final class SparkIngestCommand extends OnLakeCommand {
    @Option(names = "--format", paramLabel = "FMT")
    String format;

    @Mixin
    OutputOption output = OutputOption.offering(OutputFormat.TABLE, OutputFormat.JSON);

    @Parameters(arity = "1..*", paramLabel = "INPUT", descriptionKey = "input")
    List<String> inputs;

    @Override
    protected int run(PrintWriter out) throws Exception {
        LakeIngest.Summary s =
                new LakeIngest(lake.master.session(), lake.lake, format, Clock.systemUTC()).ingest(inputs);
        if (output.format() == OutputFormat.JSON) {
            out.println(Json.indented(s.json()));
        } else {
            out.printf(
                    "files loaded   %d%nfiles skipped  %d%nfiles failed   %d%nrecords        %d%nbad lines      %d%nseconds        %.2f%n",
                    s.filesLoaded(), s.filesSkipped(), s.filesFailed(), s.records(), s.badLines(), s.seconds());
            for (FileOutcome o : s.files()) {
                if (o.error() != null) {
                    out.println(o.status() + " " + o.path() + ": " + o.error());
                }
            }
        }
        return s.filesFailed() > 0 ? 1 : 0;
    }
}
