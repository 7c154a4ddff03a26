package dev.flowlens.cli.command;

import dev.flowlens.cli.output.Table;
import dev.flowlens.core.diagnosis.ConversationColumns;
import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.options.ConversationsOptions;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.store.diagnosis.ConversationStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "conversations",
        description = {
            "Pairs each request flow with its reply (same protocol, addresses and ports swapped, any capture window",
            "and ENI) and lists one row per conversation, busiest first: client, server, ENIs, first and last seen, packets and",
            "bytes each way, tcp-flags and the verdict."
        })
public final class ConversationsCommand extends WorkspaceCommand {
    @Mixin
    ConversationsOptions options;

    @Override
    protected int run(PrintWriter out) throws Exception {
        OutputFormat format = options.format();
        FlowFilter filter = options.filter(Clock.systemUTC());
        int limit = options.limit();
        List<ConversationRanking.Entry> found = readOnly(c -> new ConversationStore(c).top(filter, limit));
        Table t = new Table(ConversationColumns.NAMES, ConversationColumns.rows(found));
        printer().print(t, format);
        return 0;
    }
}
