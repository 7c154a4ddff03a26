package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.insights.ValueKind;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.ReportSql;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The built-in reports of {@code flowlens report} over a lake's {@code flows} view, in Spark's SQL. */
public final class LakeReport {
    private final SparkSession spark;

    /** Over the {@code flows} view that {@link Lake#open} made. */
    public LakeReport(SparkSession spark) {
        this.spark = spark;
    }

    /** Checks the report can say something (its address, fields some record has), then runs it. */
    public SparkSqlCommand.Result run(Report report, ReportOptions options) {
        report.checkAddress(options);
        List<FlowField> missing = missing(new ArrayList<>(report.needed(options)));
        if (!missing.isEmpty()) {
            throw new FlowlensException(ErrorCode.MISSING_FIELDS, report.missingMessage(missing, "lake", List.of()));
        }
        ReportSql sql = report.sql(options, SparkDialect.INSTANCE);
        Dataset<Row> df = spark.sql(sql.sql(), sql.params().toArray());
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : LakeQuery.collect(df)) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                values.add(LakeQuery.value(r.get(i), ValueKind.ANY));
            }
            rows.add(values);
        }
        return new SparkSqlCommand.Result(List.of(df.columns()), rows, false);
    }

    /** The fields of {@code needed} that no record of the lake has a value for (one scan for all of them). */
    private List<FlowField> missing(List<FlowField> needed) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int k = 0; k < needed.size(); k++) {
            sql.append(k == 0 ? "" : ", ")
                    .append("count(\"")
                    .append(needed.get(k).column())
                    .append("\") > 0");
        }
        Row found = spark.sql(sql.append(" FROM flows").toString()).first();
        List<FlowField> out = new ArrayList<>();
        for (int k = 0; k < needed.size(); k++) {
            if (!found.getBoolean(k)) {
                out.add(needed.get(k));
            }
        }
        return out;
    }
}
