package dev.flowlens.spark;

import dev.flowlens.options.OutputFormat;
import dev.flowlens.options.SqlOptions;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "sql",
        description = {
            "Run one Spark SQL query over the lake. The view flows has the columns of the workspace's flows",
            "(srcaddr, log_status, \"end\", ...) and the partition columns aws_account_id, aws_region, date, hour; bad_lines too."
        })
public final class SparkSqlCommand extends ResultCommand {
    @Mixin
    SqlOptions query;

    @Override
    protected Result result(PrintWriter out) {
        return run(lake.session(), query.sql(), query.maxRows());
    }

    /** Column names, the rows (values as Java numbers, text or null) and whether more rows were cut off. */
    record Result(List<String> columns, List<List<Object>> rows, boolean more) {}

    static Result run(SparkSession spark, String sql, int maxRows) {
        Dataset<Row> df;
        try {
            df = spark.sql(sql);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Spark's AnalysisException (a parse error, an unknown column) is checked in Java terms and thrown
            // undeclared
            if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
                throw new IllegalStateException(e);
            }
            throw new dev.flowlens.core.error.FlowlensException(
                    dev.flowlens.core.error.ErrorCode.INVALID_QUERY,
                    "SQL: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<Row> taken = df.limit(maxRows + 1).collectAsList();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(maxRows, taken.size()); i++) {
            Row x = taken.get(i);
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < x.length(); c++) {
                values.add(plain(x.get(c)));
            }
            rows.add(values);
        }
        return new Result(List.of(df.columns()), rows, taken.size() > maxRows);
    }

    /** A value as JSON and CSV show it: numbers and text as they are, decimals with no fraction as whole numbers, others as text. */
    private static Object plain(Object v) {
        if (v == null || v instanceof Number || v instanceof String || v instanceof Boolean) {
            return v instanceof BigDecimal d && d.scale() <= 0 ? d.toBigIntegerExact() : v;
        }
        return v.toString();
    }

    static void print(PrintWriter out, OutputFormat output, Result r) {
        switch (output) {
            case JSON -> {
                List<Map<String, Object>> objects = new ArrayList<>();
                for (List<Object> row : r.rows()) {
                    objects.add(object(r.columns(), row));
                }
                out.println(Json.indented(objects));
            }
            case JSONL -> {
                for (List<Object> row : r.rows()) {
                    out.println(Json.compact(object(r.columns(), row)));
                }
            }
            case CSV -> {
                out.println(csv(new ArrayList<>(r.columns())));
                for (List<Object> row : r.rows()) {
                    out.println(csv(row));
                }
            }
            case TABLE, TEXT -> table(out, r);
        }
        out.flush();
    }

    private static Map<String, Object> object(List<String> columns, List<Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), row.get(i));
        }
        return m;
    }

    private static String csv(List<?> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            String s = v == null ? "" : v.toString();
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            b.append(i == 0 ? "" : ",").append(s);
        }
        return b.toString();
    }

    private static void table(PrintWriter out, Result r) {
        int n = r.columns().size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = r.columns().get(i).length();
            for (List<Object> row : r.rows()) {
                width[i] = Math.max(width[i], String.valueOf(row.get(i)).length());
            }
        }
        out.println(line(r.columns(), width));
        for (List<Object> row : r.rows()) {
            out.println(line(row, width));
        }
    }

    private static String line(List<?> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String s = cells.get(i) == null ? "" : cells.get(i).toString();
            b.append(s).append(" ".repeat(Math.max(0, width[i] - s.length()))).append(i + 1 < cells.size() ? "  " : "");
        }
        return b.toString().stripTrailing();
    }
}
