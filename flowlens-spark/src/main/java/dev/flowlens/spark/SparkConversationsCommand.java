package dev.flowlens.spark;

import dev.flowlens.core.diagnosis.ConversationColumns;
import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.options.FilterOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "conversations",
        mixinStandardHelpOptions = true,
        description = {
            "Pairs each request flow with its reply and lists one row per conversation, busiest first, as",
            "flowlens conversations does: client, server, ENIs, first and last seen, packets and bytes each way, tcp-flags, verdict."
        })
public final class SparkConversationsCommand implements Callable<Integer> {
    @Mixin
    LakeOptions lake;

    @Mixin
    FilterOptions filters;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table, csv or json (default: table).")
    SparkSqlCommand.Output output = SparkSqlCommand.Output.TABLE;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "At most N conversations, most bytes first (default: 100).")
    int limit = 100;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        if (output == SparkSqlCommand.Output.JSONL) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, "--output jsonl is not offered here: use table, csv or json");
        }
        if (limit <= 0) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--limit must be a positive number");
        }
        var filter = filters.toFilter(clock);
        SparkSession spark = Sessions.open(lake.master);
        Lake l = Lake.open(spark, lake.lake);
        List<List<Object>> rows = rows(new LakeConversations(l.flows()).top(filter, limit));
        SparkSqlCommand.print(
                spec.commandLine().getOut(),
                output,
                new SparkSqlCommand.Result(ConversationColumns.NAMES, rows, false));
        return 0;
    }

    /** One row per conversation, as {@code flowlens conversations} prints it. */
    static List<List<Object>> rows(List<ConversationRanking.Entry> found) {
        List<List<Object>> rows = new ArrayList<>();
        for (ConversationRanking.Entry r : found) {
            rows.add(ConversationColumns.values(r.attempt(), r.enis()));
        }
        return rows;
    }
}
