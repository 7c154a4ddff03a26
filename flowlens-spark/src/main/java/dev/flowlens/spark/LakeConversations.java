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
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.flowlens.core.conversation.ConversationKey;
import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.filter.FlowFilter;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * {@code conversations} over a lake: Spark groups the records under their conversation key (the
 * two endpoints in a fixed order, so a request and its reply meet) per direction, action and flow
 * direction, keeps the keys with the most bytes, and the same {@link ConversationRanking} as the
 * DuckDB store ranks and judges them on the driver.
 *
 * <p>The cut is made on a 64-bit hash of the key ({@link HashCut}: a number is added up far faster
 * than two addresses and two ports, and flow logs of short connections have about a key a record).
 * A second scan groups the records of the kept hashes only (a broadcast join picks them) under
 * their keys. Two keys sharing a hash can only make a hash's total larger, so every key left out has
 * fewer bytes than the cut; when the kept keys' exact totals show that the cut still holds (the
 * {@code limit}-th busiest key has at least the cut's bytes), the answer is the one grouping by
 * the keys themselves gives. Otherwise (a collision that mattered, or negative byte counts from a
 * foreign Parquet file) the cut is made again on the keys themselves.
 */
public final class LakeConversations {
    private static final int MAX_MARKS = 10_000;
    private static final Column PORTED = col("protocol").isin(6, 17, 132);
    private static final List<String> KEY = List.of("protocol", "a", "ap", "b", "bp");
    private static final List<String> GROUP =
            List.of("protocol", "a", "ap", "b", "bp", "fwd", "action", "flow_direction");

    private final Dataset<Row> flows;
    private final long hashMask;

    public LakeConversations(Dataset<Row> flows) {
        this(flows, -1L);
    }

    /** {@code hashMask}: the bits of the key's hash the cut uses (tests keep a few, so keys collide). */
    LakeConversations(Dataset<Row> flows, long hashMask) {
        this.flows = flows;
        this.hashMask = hashMask;
    }

    public List<ConversationRanking.Entry> top(FlowFilter filter, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Dataset<Row> records = keyed(filter);
        HashCut cut = HashCut.of(records, limit, HashCut.partitions(flows));
        if (cut.kept.hashes().length == 0) {
            return List.of();
        }
        if (cut.all || !cut.negative) {
            HashCut.Sums kept = cut.kept;
            List<Long> hashes = Arrays.stream(kept.hashes()).boxed().toList();
            Dataset<Row> keptHashes = records.sparkSession()
                    .createDataset(hashes, Encoders.LONG())
                    .toDF("h");
            ConversationRanking ranking =
                    ranking(groups(withMarks(records, kept.marks()).join(broadcast(keptHashes), "h")));
            // every hash kept, or the kept keys prove the cut: the answer grouping by keys gives
            if (cut.all || holds(ranking, limit, cut.lowest)) {
                return ranking.top(limit);
            }
        }
        // keys sharing a hash moved the cut (or counts were negative): the keys themselves decide
        return exactTop(records, limit);
    }

    /**
     * The records whose ports are those of a kept hash's records (when each kept hash's records
     * had the same): a filter on two numbers that spares the others the hashing of their addresses.
     */
    private static Dataset<Row> withMarks(Dataset<Row> records, long[] marks) {
        long[] distinct = Arrays.stream(marks).distinct().toArray();
        // a huge --limit keeps too many to list in a filter: the join alone picks them
        if (distinct.length > MAX_MARKS || Arrays.stream(distinct).anyMatch(m -> m == HashCut.MIXED)) {
            return records;
        }
        return records.where(col("mark").isin(Arrays.stream(distinct).boxed().toArray()));
    }

    /** The cut made on the keys themselves: their totals kept in memory, then the kept keys' records. */
    private static List<ConversationRanking.Entry> exactTop(Dataset<Row> records, int limit) {
        Column[] key = columns(KEY);
        Dataset<Row> totals = records.groupBy(key)
                .agg(coalesce(sum(col("bytes")), lit(0L)).as("total"))
                .cache();
        try {
            List<Row> cut = totals.orderBy(col("total").desc())
                    .limit(limit)
                    .select(col("total"))
                    .collectAsList();
            long lowest = cut.get(cut.size() - 1).getLong(0);
            // every key at or above the limit-th total (ties too): the ranking breaks ties as the store does
            Dataset<Row> kept = totals.where(col("total").geq(lit(lowest))).select(key);
            return ranking(groups(records.join(broadcast(kept), KEY.toArray(String[]::new))))
                    .top(limit);
        } finally {
            totals.unpersist();
        }
    }

    /**
     * Whether the kept keys' {@code limit}-th busiest has at least {@code lowest} bytes: a key left
     * out had fewer than {@code lowest} (at most its hash's total, with no negative counts), so it
     * ranks below.
     */
    private static boolean holds(ConversationRanking ranking, int limit, long lowest) {
        List<ConversationKey> ranked = ranking.ranked();
        return ranked.size() >= limit && ranking.total(ranked.get(limit - 1)) >= lowest;
    }

    /**
     * The selected records with their conversation key ({@code a, ap, b, bp}), direction ({@code
     * fwd}), the key's hash ({@code h}, the same both ways) and its ports as one number ({@code mark}).
     */
    private Dataset<Row> keyed(FlowFilter filter) {
        Column sp = when(PORTED, coalesce(col("srcport"), lit(0))).otherwise(lit(0));
        Column dp = when(PORTED, coalesce(col("dstport"), lit(0))).otherwise(lit(0));
        Dataset<Row> records = flows.where(FlowColumns.CONVERSATION_RECORD.and(LakeFilter.of(filter)))
                .select(FlowColumns.aroundTraffic(
                        List.of(SRC.as("s"), DST.as("d"), sp.as("sp"), dp.as("dp")), List.of(ENI.as("eni"))));
        // any total order of endpoints does, as long as a request and its reply agree
        Column fwd = col("s").lt(col("d"))
                .or(col("s").equalTo(col("d")).and(col("sp").leq(col("dp"))));
        // a hash of each endpoint, combined by xor: the same both ways, each address hashed once
        Column hash = xxhash64(col("s"), col("sp"), col("protocol"))
                .bitwiseXOR(xxhash64(col("d"), col("dp"), col("protocol")));
        // the ports, in either order (0 and 0 for protocols without ports)
        Column mark =
                least(col("sp"), col("dp")).cast("long").multiply(lit(65536L)).plus(greatest(col("sp"), col("dp")));
        return records.withColumn("fwd", fwd)
                .withColumn("a", when(col("fwd"), col("s")).otherwise(col("d")))
                .withColumn("ap", when(col("fwd"), col("sp")).otherwise(col("dp")))
                .withColumn("b", when(col("fwd"), col("d")).otherwise(col("s")))
                .withColumn("bp", when(col("fwd"), col("dp")).otherwise(col("sp")))
                .withColumn("h", hashMask == -1L ? hash : hash.bitwiseAND(lit(hashMask)))
                .withColumn("mark", mark);
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

    /** The groups' conversations, to be ranked and judged as the store ranks and judges them. */
    private static ConversationRanking ranking(Dataset<Row> groups) {
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
        return ranking;
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    private static long longOrZero(Row r, String name) {
        int i = r.fieldIndex(name);
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }
}
