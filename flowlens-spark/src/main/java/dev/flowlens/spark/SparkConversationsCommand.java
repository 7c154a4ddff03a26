package dev.flowlens.spark;

import dev.flowlens.core.diagnosis.ConversationColumns;
import dev.flowlens.options.ConversationsOptions;
import dev.flowlens.options.OutputFormat;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "conversations",
        description = {
            "Pairs each request flow with its reply and lists one row per conversation, busiest first, as",
            "flowlens conversations does: client, server, ENIs, first and last seen, packets and bytes each way, tcp-flags, verdict."
        })
public final class SparkConversationsCommand extends OnLakeCommand {
    @Mixin
    ConversationsOptions options;

    @Override
    protected int run(PrintWriter out) {
        OutputFormat format = options.format();
        var filter = options.filter(clock);
        Lake l = lake.open();
        List<List<Object>> rows =
                ConversationColumns.rows(new LakeConversations(l.flows()).top(filter, options.limit()));
        SparkSqlCommand.print(out, format, new SparkSqlCommand.Result(ConversationColumns.NAMES, rows, false));
        return 0;
    }
}
