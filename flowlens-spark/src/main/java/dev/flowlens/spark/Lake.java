package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.lake.FileOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A lake opened for reading: its {@code flows} and {@code bad_lines} as Spark datasets (and as
 * temporary views of those names, for SQL), and the manifest's path of each file id. The rows of a
 * file that changed and was loaded again are those of its newest version only.
 */
public final class Lake {
    private final Dataset<Row> flows;
    private final Map<Integer, String> paths;

    private Lake(Dataset<Row> flows, Map<Integer, String> paths) {
        this.flows = flows;
        this.paths = paths;
    }

    public static Lake open(SparkSession spark, String lake) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path root = new Path(lake);
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw new FlowlensException(
                        ErrorCode.PATH_NOT_FOUND,
                        "no lake at " + lake + ": write one with: flowlens spark ingest INPUT... --lake " + lake);
            }
            Map<Integer, String> paths = new HashMap<>();
            Manifest manifest = Manifest.read(lake, conf);
            for (FileOutcome o : manifest.entries()) {
                paths.put(o.fileId(), o.path());
            }
            Dataset<Row> flows = current(
                    read(spark, fs, LakeLayout.child(lake, LakeLayout.FLOWS), LakeLayout.writeSchema()),
                    manifest.superseded());
            Dataset<Row> bad = current(
                    read(spark, fs, LakeLayout.child(lake, LakeLayout.BAD_LINES), LakeLayout.badLineSchema()),
                    manifest.superseded());
            flows.createOrReplaceTempView("flows");
            bad.createOrReplaceTempView("bad_lines");
            return new Lake(flows, paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of the files' current versions: those of a file loaded again since are left out. */
    private static Dataset<Row> current(Dataset<Row> rows, List<Integer> superseded) {
        return superseded.isEmpty()
                ? rows
                : rows.where(org.apache.spark.sql.functions.not(
                        org.apache.spark.sql.functions.col("file_id").isin(superseded.toArray())));
    }

    private static Dataset<Row> read(
            SparkSession spark, FileSystem fs, String dir, org.apache.spark.sql.types.StructType schema)
            throws IOException {
        if (!fs.exists(new Path(dir))) {
            return spark.createDataFrame(List.of(), schema);
        }
        // the schema given, not inferred: account ids stay text, as in every engine
        return spark.read().schema(schema).option("basePath", dir).parquet(dir);
    }

    public Dataset<Row> flows() {
        return flows;
    }

    public Map<Integer, String> paths() {
        return paths;
    }
}
