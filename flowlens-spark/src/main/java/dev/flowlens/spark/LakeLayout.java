package dev.flowlens.spark;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The layout of a flow log lake, one set of Parquet files every engine reads (Spark, DuckDB,
 * Athena, Trino):
 *
 * <pre>
 * LAKE/flows/aws_account_id=A/aws_region=R/date=YYYY-MM-DD/hour=H/RUN-part-*.parquet
 * LAKE/bad_lines/RUN-part-*.parquet        file_id, path, line, field, reason, text
 * LAKE/_manifest/RUN.jsonl                  one line per loaded file (the lake's catalog)
 * LAKE/_staging/RUN/                        a run's output until it is committed
 * </pre>
 *
 * The {@code flows} columns are those of the DuckDB workspace's {@code flows} view ({@code file_id},
 * {@code line}, {@code log_stream}, then one column per known field named as Athena names it,
 * addresses as text, {@code start}/{@code end} in Unix seconds), then the partition columns. The
 * partition values come from the record (account, region, start time) or else from the file's S3
 * key; {@code unknown} and {@code 1970-01-01} hour 0 when neither says.
 */
public final class LakeLayout {
    private LakeLayout() {}

    public static final String FLOWS = "flows";
    public static final String BAD_LINES = "bad_lines";
    public static final String MANIFEST = "_manifest";
    public static final String STAGING = "_staging";
    public static final List<String> PARTITION_COLUMNS = List.of("aws_account_id", "aws_region", "date", "hour");
    public static final String UNKNOWN = "unknown";

    /** The data columns of {@code flows}, in order, without the partition columns. */
    public static StructType recordSchema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("file_id", DataTypes.IntegerType, true));
        fields.add(DataTypes.createStructField("line", DataTypes.LongType, true));
        fields.add(DataTypes.createStructField("log_stream", DataTypes.StringType, true));
        for (FlowField f : FlowField.values()) {
            fields.add(DataTypes.createStructField(f.column(), sparkType(f.type()), true));
        }
        return DataTypes.createStructType(fields);
    }

    /** {@link #recordSchema()} and the partition columns: what an ingest writes. */
    public static StructType writeSchema() {
        List<StructField> fields = new ArrayList<>(List.of(recordSchema().fields()));
        fields.add(DataTypes.createStructField("aws_account_id", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("aws_region", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("date", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("hour", DataTypes.IntegerType, false));
        return DataTypes.createStructType(fields);
    }

    public static StructType badLineSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("file_id", DataTypes.IntegerType, true),
                DataTypes.createStructField("path", DataTypes.StringType, true),
                DataTypes.createStructField("line", DataTypes.LongType, true),
                DataTypes.createStructField("field", DataTypes.StringType, true),
                DataTypes.createStructField("reason", DataTypes.StringType, true),
                DataTypes.createStructField("text", DataTypes.StringType, true)));
    }

    static DataType sparkType(FieldType type) {
        return switch (type) {
            case INT -> DataTypes.IntegerType;
            case LONG, EPOCH_SECONDS -> DataTypes.LongType;
            case ADDRESS, TEXT -> DataTypes.StringType;
        };
    }

    /** The SQL type of a column as Athena and Trino name it. */
    static String athenaType(FieldType type) {
        return switch (type) {
            case INT -> "int";
            case LONG, EPOCH_SECONDS -> "bigint";
            case ADDRESS, TEXT -> "string";
        };
    }

    /** Joins a lake location and a child name. */
    public static String child(String lake, String name) {
        return lake.endsWith("/") ? lake + name : lake + "/" + name;
    }
}
