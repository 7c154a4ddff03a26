package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.lake.FileOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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
            SortedSet<String> extras = new TreeSet<>();
            Set<String> formats = new HashSet<>();
            for (FileOutcome o : manifest.entries()) {
                paths.put(o.fileId(), o.path());
                if (o.formats() != null) {
                    formats.add(o.formats());
                }
            }
            // thousands of files share a few formats: each parsed once
            formats.forEach(f -> extras.addAll(unknownColumns(f)));
            Set<String> skip = Manifest.unreadable(lake, conf);
            // a few splits a core, not Spark's 128 MB (a day's lake is a few such): every core scans
            spark.conf()
                    .set(
                            "spark.sql.files.minPartitionNum",
                            String.valueOf(FileSlices.SLICES_PER_CORE
                                    * spark.sparkContext().defaultParallelism()));
            Dataset<Row> flows = current(
                    read(spark, fs, LakeLayout.child(lake, LakeLayout.FLOWS), flowsSchema(extras), skip),
                    manifest.superseded());
            Dataset<Row> bad = current(
                    read(spark, fs, LakeLayout.child(lake, LakeLayout.BAD_LINES), LakeLayout.badLineSchema(), skip),
                    manifest.superseded());
            flows.createOrReplaceTempView("flows");
            bad.createOrReplaceTempView("bad_lines");
            return new Lake(flows, paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code x_*} columns of a file's formats (header lines, one a line): its unknown fields,
     * which the ingest and {@code flowlens export} write as text columns.
     */
    static List<String> unknownColumns(String formats) {
        if (formats == null || formats.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : formats.split("\n")) {
            FlowFormat f = FlowFormat.fromHeaderLine(line);
            for (int i = 0; i < f.size(); i++) {
                if (!f.get(i).isKnown()) {
                    out.add(f.get(i).column());
                }
            }
        }
        return out;
    }

    /** The lake's columns: the known fields, the unknown ones some file had (text, by name), the partitions. */
    private static StructType flowsSchema(SortedSet<String> extras) {
        StructType known = LakeLayout.writeSchema();
        List<StructField> fields =
                new ArrayList<>(List.of(LakeLayout.recordSchema().fields()));
        for (String x : extras) {
            fields.add(DataTypes.createStructField(x, DataTypes.StringType, true));
        }
        for (String p : LakeLayout.PARTITION_COLUMNS) {
            fields.add(known.apply(p));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * The rows of the files' current versions: those of a file loaded again since are left out (an
     * ingest removes them from the lake's files; a lake written before it did may still hold them).
     */
    private static Dataset<Row> current(Dataset<Row> rows, List<Integer> superseded) {
        return superseded.isEmpty()
                ? rows
                : rows.where(org.apache.spark.sql.functions.not(
                        org.apache.spark.sql.functions.col("file_id").isin(superseded.toArray())));
    }

    /** A dataset's files, but those a stopped run left half done ({@code skip}: see {@link Manifest#unreadable}). */
    private static Dataset<Row> read(SparkSession spark, FileSystem fs, String dir, StructType schema, Set<String> skip)
            throws IOException {
        if (!fs.exists(new Path(dir))) {
            return spark.createDataFrame(List.of(), schema);
        }
        // the schema given, not inferred: account ids stay text, as in every engine
        DataFrameReader reader = spark.read().schema(schema).option("basePath", dir);
        if (skip.isEmpty()) {
            return reader.parquet(dir);
        }
        List<String> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(dir), true);
        while (it.hasNext()) {
            Path f = it.next().getPath();
            if (f.getName().endsWith(".parquet") && !skip.contains(f.toUri().getPath())) {
                files.add(f.toString());
            }
        }
        return files.isEmpty()
                ? spark.createDataFrame(List.of(), schema)
                : reader.parquet(files.toArray(String[]::new));
    }

    public Dataset<Row> flows() {
        return flows;
    }

    public Map<Integer, String> paths() {
        return paths;
    }
}
