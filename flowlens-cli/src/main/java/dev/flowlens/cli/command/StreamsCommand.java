package dev.flowlens.cli.command;

import dev.flowlens.cli.LimitOption;
import dev.flowlens.cli.OutputOption;
import dev.flowlens.cli.WorkspaceOption;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.cli.output.Times;
import dev.flowlens.store.Catalog;
import dev.flowlens.store.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "streams",
        mixinStandardHelpOptions = true,
        description =
                "List the log streams (one per network interface, as the CloudWatch console shows them) with first and last record time and counts.")
public final class StreamsCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Mixin
    OutputOption output;

    @Mixin
    LimitOption limit = new LimitOption(10000);

    @Parameters(
            arity = "0..1",
            paramLabel = "PREFIX",
            description = "Only streams whose name starts with PREFIX (e.g. eni-0a).")
    String prefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        limit.value();
        List<Catalog.Stream> streams;
        try (Workspace ws = Workspace.openReadOnly(workspace.path())) {
            streams = new Catalog(ws.connection()).streams(prefix, limit.value());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Catalog.Stream s : streams) {
            rows.add(Arrays.asList(
                    s.stream(),
                    Times.iso(s.first()),
                    Times.iso(s.last()),
                    s.records(),
                    s.accepted(),
                    s.rejected(),
                    s.noData(),
                    s.skipData()));
        }
        Table t = new Table(
                List.of("stream", "first", "last", "records", "accept", "reject", "nodata", "skipdata"), rows);
        new Printer(spec.commandLine().getOut()).print(t, output.format());
        return 0;
    }
}
