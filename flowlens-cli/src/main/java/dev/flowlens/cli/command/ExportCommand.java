package dev.flowlens.cli.command;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.options.TimeWindowOptions;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.export.LakeExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "export",
        description = {
            "Write the workspace's records as a Parquet flow log lake (the layout flowlens spark ingest writes:",
            "flows/aws_account_id=/aws_region=/date=/hour=/), then print the Athena / Trino CREATE TABLE for it."
        })
public final class ExportCommand extends WorkspaceCommand {
    @Option(names = "--lake", paramLabel = "DIR", required = true)
    Path lake;

    @Mixin
    TimeWindowOptions time;

    @Option(names = "--table", paramLabel = "NAME")
    String table = "vpc_flow_lake";

    @Option(names = "--location", paramLabel = "URI")
    String location = "s3://BUCKET/PREFIX";

    Clock clock = Clock.systemUTC();

    @Override
    protected int run(PrintWriter out) throws Exception {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "--table '" + table + "' is not a table name: letters, digits and _ (database.table)");
        }
        if (location.contains("'") || location.chars().anyMatch(Character::isISOControl)) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, "--location must not hold quotes or control characters");
        }
        TimeWindow window = time.window(clock);
        LakeExport.Result r;
        try (Workspace ws = workspace.openReadOnly()) {
            r = LakeExport.export(ws.connection(), lake, window.from(), window.to());
        }
        out.printf(
                "-- exported %,d records in %d Parquet files and %,d bad lines to %s%n",
                r.records(), r.files(), r.badLines(), lake.toAbsolutePath());
        out.println("-- upload the folder (aws s3 sync " + lake + " " + location
                + ") and create the table in Athena or Trino:");
        out.print(LakeExport.athenaTable(table, location));
        return 0;
    }
}
