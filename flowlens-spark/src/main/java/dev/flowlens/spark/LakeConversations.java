package dev.flowlens.spark;

import static dev.flowlens.spark.FlowColumns.DST;
import static dev.flowlens.spark.FlowColumns.ENI;
import static dev.flowlens.spark.FlowColumns.SRC;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.filter.FlowFilter;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code conversations} over a lake: Spark groups the records under their conversation key (the
 * two endpoints in a fixed order, so a request and its reply meet) per direction, action and flow
 * direction, keeps the keys with the most bytes, and the same {@link ConversationRanking} as the
 * DuckDB store ranks and judges them on the driver. One aggregation of every selected record (the
 * bytes per key, kept in memory for the cut and the kept keys), then a second scan that groups the
 * records of the kept keys only (a broadcast join picks them).
 */
public final class LakeConversations {
    private static final Column PORTED = col("protocol").isin(6, 17, 132);
    private static final List<String> KEY = List.of("protocol", "a", "ap", "b", "bp");
    private static final List<String> GROUP =
            List.of("protocol", "a", "ap", "b", "bp", "fwd", "action", "flow_direction");

    private final Dataset<Row> flows;

    public LakeConversations(Dataset<Row> flows) {
        this.flows = flows;
    }

    public List<ConversationRanking.Entry> top(FlowFilter filter, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Dataset<Row> records = keyed(filter);
        Column[] key = columns(KEY);
        Dataset<Row> totals = records.groupBy(key)
                .agg(coalesce(sum(col("bytes")), lit(0L)).as("total"))
                .cache();
        try {
            List<Row> cut = totals.orderBy(col("total").desc())
                    .limit(limit)
                    .select(col("total"))
                    .collectAsList();
            if (cut.isEmpty()) {
                return List.of();
            }
            long lowest = cut.get(cut.size() - 1).getLong(0);
            // every key at or above the limit-th total (ties too): the ranking breaks ties as the store does
            Dataset<Row> kept = totals.where(col("total").geq(lit(lowest))).select(key);
            return ranked(groups(records.join(broadcast(kept), KEY.toArray(String[]::new))), limit);
        } finally {
            totals.unpersist();
        }
    }

    /** The selected records with their conversation key ({@code a, ap, b, bp}) and direction ({@code fwd}). */
    private Dataset<Row> keyed(FlowFilter filter) {
        Column sp = when(PORTED, coalesce(col("srcport"), lit(0))).otherwise(lit(0));
        Column dp = when(PORTED, coalesce(col("dstport"), lit(0))).otherwise(lit(0));
        Dataset<Row> records = flows.where(FlowColumns.CONVERSATION_RECORD.and(LakeFilter.of(filter)))
                .select(FlowColumns.aroundTraffic(
                        List.of(SRC.as("s"), DST.as("d"), sp.as("sp"), dp.as("dp")), List.of(ENI.as("eni"))));
        // any total order of endpoints does, as long as a request and its reply agree
        Column fwd = col("s").lt(col("d"))
                .or(col("s").equalTo(col("d")).and(col("sp").leq(col("dp"))));
        return records.withColumn("fwd", fwd)
                .withColumn("a", when(col("fwd"), col("s")).otherwise(col("d")))
                .withColumn("ap", when(col("fwd"), col("sp")).otherwise(col("dp")))
                .withColumn("b", when(col("fwd"), col("d")).otherwise(col("s")))
                .withColumn("bp", when(col("fwd"), col("dp")).otherwise(col("sp")));
    }

    /** The kept keys' records grouped by key, direction, action and flow direction. */
    private static Dataset<Row> groups(Dataset<Row> keyed) {
        return keyed.groupBy(columns(GROUP))
                .agg(
                        min(col("start")).as("first"),
                        max(col("end")).as("last"),
                        sum(col("packets")).as("packets"),
                        sum(col("bytes")).as("bytes"),
                        expr("bit_or(tcp_flags)").as("flags"),
                        count(lit(1)).as("records"),
                        array_sort(collect_set(col("eni"))).as("enis"));
    }

    /** The groups' conversations, ranked and judged as the store ranks and judges them. */
    private static List<ConversationRanking.Entry> ranked(Dataset<Row> groups, int limit) {
        ConversationRanking ranking = new ConversationRanking();
        for (Row r : groups.collectAsList()) {
            ranking.add(
                    r.getInt(r.fieldIndex("protocol")),
                    new Endpoint(r.getString(r.fieldIndex("a")), r.getInt(r.fieldIndex("ap"))),
                    new Endpoint(r.getString(r.fieldIndex("b")), r.getInt(r.fieldIndex("bp"))),
                    r.getBoolean(r.fieldIndex("fwd")),
                    r.getList(r.fieldIndex("enis")),
                    r.getString(r.fieldIndex("action")),
                    r.getString(r.fieldIndex("flow_direction")),
                    longOrZero(r, "first"),
                    longOrZero(r, "last"),
                    longOrZero(r, "packets"),
                    longOrZero(r, "bytes"),
                    r.isNullAt(r.fieldIndex("flags")) ? null : r.getInt(r.fieldIndex("flags")),
                    r.getLong(r.fieldIndex("records")));
        }
        return ranking.top(limit);
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    private static long longOrZero(Row r, String name) {
        int i = r.fieldIndex(name);
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }
}
