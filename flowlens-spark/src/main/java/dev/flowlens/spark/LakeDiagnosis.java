package dev.flowlens.spark;

import static dev.flowlens.spark.FlowColumns.DST;
import static dev.flowlens.spark.FlowColumns.ENI;
import static dev.flowlens.spark.FlowColumns.SRC;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.diagnosis.Diagnoser;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.EniAddresses;
import dev.flowlens.core.diagnosis.EniCoverage;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Ipv4;
import dev.flowlens.core.rules.NetworkConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code diagnose} over a lake: the queries of the DuckDB store's {@code DiagnosisStore} as Spark
 * column expressions (the candidate records between the two ends, each ENI's address learned from
 * its records, coverage), then the same {@link Diagnoser} on the driver. The candidates are few
 * (at most {@link #MAX_CANDIDATES}); the scans are distributed.
 */
public final class LakeDiagnosis {
    /** As the DuckDB store: more candidate records and the request is too broad to diagnose in memory. */
    public static final int MAX_CANDIDATES = DiagnosisRequest.MAX_CANDIDATES;

    private final Dataset<Row> flows;
    private final Map<Integer, String> paths;

    /** {@code flows}: the lake's records; {@code paths}: each file id's path, from the manifest. */
    public LakeDiagnosis(Dataset<Row> flows, Map<Integer, String> paths) {
        this.flows = flows;
        this.paths = paths;
    }

    public Diagnosis diagnose(DiagnosisRequest request, NetworkConfig config, Clock clock) {
        List<Flow> candidates = candidates(request);
        TreeSet<String> enis = new TreeSet<>();
        for (Flow f : candidates) {
            if (f.eni() != null) {
                enis.add(f.eni());
            }
        }
        EniAddresses learned = learnAddresses(enis);
        if (enis.isEmpty()) {
            enis.addAll(enisLogging(request));
        }
        List<EniCoverage> coverage = coverage(request, enis);
        return new Diagnoser(config, clock).diagnose(request, candidates, coverage, newestRecordEnd(), learned);
    }

    /** True when an address column is in a block: one equality for a single IPv4 address (pushed into the Parquet scan). */
    static Column in(Column address, Cidr block, String blockText) {
        if (block.isIpv4() && block.isSingleAddress()) {
            return address.equalTo(lit(Ipv4.toText(block.first().longValue())));
        }
        return functions.udf(new InBlock(blockText), DataTypes.BooleanType).apply(address);
    }

    /** An address in a block, as {@link Cidr#contains(String)} decides; the block is parsed once per executor. */
    static final class InBlock implements UDF1<String, Boolean> {
        private static final long serialVersionUID = 1L;
        private final String block;
        private transient Cidr parsed;

        InBlock(String block) {
            this.block = block;
        }

        @Override
        public Boolean call(String address) {
            if (address == null) {
                return false;
            }
            if (parsed == null) {
                parsed = Cidr.parse(block);
            }
            return parsed.contains(address);
        }
    }

    private static String text(Cidr c) {
        return c.toString();
    }

    private static Column window(DiagnosisRequest r) {
        Column w = lit(true);
        if (r.from() != null) {
            w = w.and(col("end").geq(lit(r.from())));
        }
        if (r.to() != null) {
            w = w.and(col("start").leq(lit(r.to())));
        }
        return w;
    }

    List<Flow> candidates(DiagnosisRequest r) {
        Column forward = in(DST, r.dst(), text(r.dst()));
        Column backward = in(SRC, r.dst(), text(r.dst()));
        if (r.src() != null) {
            forward = forward.and(in(SRC, r.src(), text(r.src())));
            backward = backward.and(in(DST, r.src(), text(r.src())));
        }
        if (r.port() != null) {
            forward = forward.and(col("dstport").equalTo(lit(r.port())));
            backward = backward.and(col("srcport").equalTo(lit(r.port())));
        }
        Column common = FlowColumns.CONVERSATION_RECORD.and(window(r));
        if (r.protocol() != null) {
            common = common.and(col("protocol").equalTo(lit(r.protocol())));
        }
        // as the DuckDB store: requests, then replies that are not also requests
        Dataset<Row> requests = flows.where(common.and(forward));
        Dataset<Row> replies = flows.where(common.and(backward).and(not(coalesce(forward, lit(false)))));
        List<Row> rows = requests.unionAll(replies)
                .select(FlowColumns.aroundTraffic(
                        List.of(
                                col("file_id"),
                                col("line"),
                                ENI.as("eni"),
                                col("srcaddr"),
                                col("dstaddr"),
                                col("pkt_srcaddr"),
                                col("pkt_dstaddr"),
                                col("srcport"),
                                col("dstport")),
                        List.of()))
                .orderBy(col("start").asc_nulls_first(), col("file_id"), col("line"))
                .limit(MAX_CANDIDATES + 1)
                .collectAsList();
        List<Flow> out = new ArrayList<>();
        for (Row x : rows) {
            Action action = Action.parse(x.getString(14));
            if (action == null) {
                continue;
            }
            Integer fileId = x.isNullAt(0) ? null : x.getInt(0);
            out.add(new Flow(
                    fileId == null ? null : paths.get(fileId),
                    x.getLong(1),
                    x.getString(2),
                    x.getString(3),
                    x.getString(4),
                    x.getString(5),
                    x.getString(6),
                    intOrZero(x, 7),
                    intOrZero(x, 8),
                    intOrZero(x, 9),
                    longOrZero(x, 10),
                    longOrZero(x, 11),
                    longOrZero(x, 12),
                    longOrZero(x, 13),
                    action,
                    x.isNullAt(15) ? null : x.getInt(15),
                    x.getString(16)));
        }
        r.checkCandidates(out.size());
        return out;
    }

    /** The one address every sampled record of an ENI has as source or destination (64 records, the first by file and line). */
    EniAddresses learnAddresses(Collection<String> enis) {
        if (enis.isEmpty()) {
            return EniAddresses.NONE;
        }
        List<Row> rows = flows.where(ENI.isin(enis.toArray())
                        .and(col("log_status").equalTo(lit("OK")))
                        .and(col("srcaddr").isNotNull()))
                .select(ENI.as("eni"), col("srcaddr"), col("dstaddr"), col("file_id"), col("line"))
                .withColumn(
                        "n", row_number().over(Window.partitionBy(col("eni")).orderBy(col("file_id"), col("line"))))
                .where(col("n").leq(64))
                .select(col("eni"), col("srcaddr"), col("dstaddr"))
                .collectAsList();
        Map<String, Set<String>> common = new HashMap<>();
        for (Row x : rows) {
            Set<String> pair = new LinkedHashSet<>(java.util.Arrays.asList(x.getString(1), x.getString(2)));
            common.merge(x.getString(0), pair, (a, b) -> {
                a.retainAll(b);
                return a;
            });
        }
        Map<String, String> known = new HashMap<>();
        common.forEach((eni, set) -> {
            if (set.size() == 1) {
                known.put(eni, set.iterator().next());
            }
        });
        return known::get;
    }

    /** ENIs that logged either end of the request in its window (used when no candidate matched). */
    List<String> enisLogging(DiagnosisRequest r) {
        Column any = lit(false);
        for (Cidr c : r.src() == null ? List.of(r.dst()) : List.of(r.src(), r.dst())) {
            any = any.or(in(col("srcaddr"), c, text(c))).or(in(col("dstaddr"), c, text(c)));
        }
        List<Row> rows = flows.where(any.and(window(r)))
                .select(ENI.as("eni"))
                .where(col("eni").isNotNull())
                .distinct()
                .orderBy(col("eni"))
                .limit(100)
                .collectAsList();
        List<String> out = new ArrayList<>();
        for (Row x : rows) {
            out.add(x.getString(0));
        }
        return out;
    }

    /** Per ENI: all-time first and last times, ACCEPT/REJECT counts, NODATA/SKIPDATA records in the window. */
    List<EniCoverage> coverage(DiagnosisRequest r, Collection<String> enis) {
        if (enis.isEmpty()) {
            return List.of();
        }
        Column inWindow = window(r);
        List<Row> rows = flows.where(ENI.isin(enis.toArray()))
                .groupBy(ENI.as("eni"))
                .agg(
                        min(col("start")),
                        max(col("end")),
                        count(col("action").equalTo(lit("ACCEPT"))),
                        count(col("action").equalTo(lit("REJECT"))),
                        count(col("log_status").equalTo(lit("NODATA")).and(inWindow)),
                        count(col("log_status").equalTo(lit("SKIPDATA")).and(inWindow)))
                .orderBy(col("eni"))
                .collectAsList();
        List<EniCoverage> out = new ArrayList<>();
        for (Row x : rows) {
            out.add(new EniCoverage(
                    x.getString(0),
                    x.isNullAt(1) ? null : x.getLong(1),
                    x.isNullAt(2) ? null : x.getLong(2),
                    x.getLong(3),
                    x.getLong(4),
                    x.getLong(5),
                    x.getLong(6)));
        }
        return out;
    }

    /** {@code count(*) FILTER (WHERE condition)}. */
    private static Column count(Column condition) {
        return coalesce(sum(when(condition, lit(1L)).otherwise(lit(0L))), lit(0L));
    }

    /** End of the newest record, or null for an empty lake. */
    Long newestRecordEnd() {
        Row x = flows.agg(max(col("end"))).first();
        return x.isNullAt(0) ? null : x.getLong(0);
    }

    private static int intOrZero(Row x, int i) {
        return x.isNullAt(i) ? 0 : x.getInt(i);
    }

    private static long longOrZero(Row x, int i) {
        return x.isNullAt(i) ? 0 : x.getLong(i);
    }
}
