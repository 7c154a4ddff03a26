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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code conversations} over a lake: Spark groups the records under their conversation key (the
 * two endpoints in a fixed order, so a request and its reply meet) per direction, action and flow
 * direction, keeps the keys with the most bytes, and the same {@link ConversationRanking} as the
 * DuckDB store ranks and judges them on the driver. Two shuffles (the grouping and the key totals),
 * then a second scan for the kept keys' interfaces.
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
        Dataset<Row> groups = groups(records).cache();
        try {
            return ranked(records, groups, limit);
        } finally {
            groups.unpersist();
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

    /**
     * The records' sums per key, direction, action and flow direction: plain aggregates only, so
     * Spark's hash aggregation runs compiled (the interfaces' lists, a set per group, come later
     * and for the kept keys only: over every group they made Spark sort millions of them).
     */
    private static Dataset<Row> groups(Dataset<Row> keyed) {
        return keyed.groupBy(
                        GROUP.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(
                        min(col("start")).as("first"),
                        max(col("end")).as("last"),
                        sum(col("packets")).as("packets"),
                        sum(col("bytes")).as("bytes"),
                        expr("bit_or(tcp_flags)").as("flags"),
                        count(lit(1)).as("records"));
    }

    /** The conversations of the {@code limit} keys with the most bytes (ties too), ranked as the store ranks them. */
    private static List<ConversationRanking.Entry> ranked(Dataset<Row> records, Dataset<Row> groups, int limit) {
        Column[] key = KEY.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> totals =
                groups.groupBy(key).agg(coalesce(sum(col("bytes")), lit(0L)).as("total"));
        List<Row> cut = totals.orderBy(col("total").desc())
                .limit(limit)
                .select(col("total"))
                .collectAsList();
        if (cut.isEmpty()) {
            return List.of();
        }
        long lowest = cut.get(cut.size() - 1).getLong(0);
        // every key at or above the limit-th total (ties too): the ranking breaks ties as the store does
        Dataset<Row> keptKeys = totals.where(col("total").geq(lit(lowest))).select(key);
        List<Row> kept = groups.join(keptKeys, KEY.toArray(String[]::new)).collectAsList();
        Map<List<Object>, List<String>> enis = interfaces(records, keptKeys);
        ConversationRanking ranking = new ConversationRanking();
        for (Row r : kept) {
            ranking.add(
                    r.getInt(r.fieldIndex("protocol")),
                    new Endpoint(r.getString(r.fieldIndex("a")), r.getInt(r.fieldIndex("ap"))),
                    new Endpoint(r.getString(r.fieldIndex("b")), r.getInt(r.fieldIndex("bp"))),
                    r.getBoolean(r.fieldIndex("fwd")),
                    enis.getOrDefault(groupOf(r), List.of()),
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

    /** The interfaces (sorted) of each group of the kept keys: a second scan, of their records only. */
    private static Map<List<Object>, List<String>> interfaces(Dataset<Row> records, Dataset<Row> keptKeys) {
        Dataset<Row> ofKept = records.join(broadcast(keptKeys), KEY.toArray(String[]::new));
        Map<List<Object>, List<String>> out = new HashMap<>();
        for (Row r : ofKept.groupBy(
                        GROUP.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(array_sort(collect_set(col("eni"))).as("enis"))
                .collectAsList()) {
            out.put(groupOf(r), r.getList(r.fieldIndex("enis")));
        }
        return out;
    }

    /** A group's key, direction, action and flow direction (nulls kept) as a map key. */
    private static List<Object> groupOf(Row r) {
        List<Object> values = new ArrayList<>(GROUP.size());
        for (String c : GROUP) {
            values.add(r.get(r.fieldIndex(c)));
        }
        return values;
    }

    private static long longOrZero(Row r, String name) {
        int i = r.fieldIndex(name);
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }
}
