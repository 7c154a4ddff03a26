package dev.flowlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.flowlens.core.filter.FlowFilter;
import org.apache.spark.sql.Column;

/** A {@link FlowFilter} as a Spark condition over the lake's {@code flows}: the DuckDB store's {@code FilterSql}, condition by condition. */
final class LakeFilter {
    private LakeFilter() {}

    static Column of(FlowFilter f) {
        Column c = lit(true);
        if (!f.enis().isEmpty()) {
            Object[] enis = f.enis().toArray();
            c = c.and(col("interface_id")
                    .isin(enis)
                    .or(col("interface_id").isNull().and(col("log_stream").isin(enis))));
        }
        if (f.from() != null) {
            c = c.and(col("end").geq(lit(f.from())));
        }
        if (f.to() != null) {
            c = c.and(col("start").leq(lit(f.to())));
        }
        if (f.ip() != null) {
            String t = f.ip().toString();
            c = c.and(LakeDiagnosis.in(col("srcaddr"), f.ip(), t).or(LakeDiagnosis.in(col("dstaddr"), f.ip(), t)));
        }
        if (f.src() != null) {
            c = c.and(LakeDiagnosis.in(col("srcaddr"), f.src(), f.src().toString()));
        }
        if (f.dst() != null) {
            c = c.and(LakeDiagnosis.in(col("dstaddr"), f.dst(), f.dst().toString()));
        }
        if (f.port() != null) {
            c = c.and(col("srcport").equalTo(lit(f.port())).or(col("dstport").equalTo(lit(f.port()))));
        }
        if (f.srcPort() != null) {
            c = c.and(col("srcport").equalTo(lit(f.srcPort())));
        }
        if (f.dstPort() != null) {
            c = c.and(col("dstport").equalTo(lit(f.dstPort())));
        }
        if (f.protocol() != null) {
            c = c.and(col("protocol").equalTo(lit(f.protocol())));
        }
        if (f.action() != null) {
            c = c.and(col("action").equalTo(lit(f.action().name())));
        }
        if (f.status() != null) {
            c = c.and(col("log_status").equalTo(lit(f.status().name())));
        }
        return c;
    }
}
