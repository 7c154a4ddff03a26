package dev.flowlens.cli.command;

import dev.flowlens.cli.WorkspaceOption;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.core.diagnosis.ConversationColumns;
import dev.flowlens.options.FilterOptions;
import dev.flowlens.options.LimitOption;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.options.OutputOption;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.diagnosis.ConversationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "conversations",
        mixinStandardHelpOptions = true,
        description = {
            "Pairs each request flow with its reply (same protocol, addresses and ports swapped, any capture window",
            "and ENI) and lists one row per conversation, busiest first: client, server, ENIs, first and last seen, packets and",
            "bytes each way, tcp-flags and the verdict."
        })
public final class ConversationsCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Mixin
    FilterOptions filters;

    @Mixin
    OutputOption output;

    @Mixin
    LimitOption limit = new LimitOption(100);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat format = output.offering(OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON);
        limit.value();
        List<ConversationStore.Row> found;
        try (Workspace ws = Workspace.openReadOnly(workspace.path())) {
            found = new ConversationStore(ws.connection()).top(filters.toFilter(), limit.value());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (ConversationStore.Row r : found) {
            rows.add(ConversationColumns.values(r.attempt(), r.enis()));
        }
        Table t = new Table(ConversationColumns.NAMES, rows);
        new Printer(spec.commandLine().getOut()).print(t, format);
        return 0;
    }
}
