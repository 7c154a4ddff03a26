package dev.flowlens.spark;

import dev.flowlens.core.lake.FileOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keeps one version of each file in the lake's Parquet files: when a run loads a file again (it
 * changed at the same path), the lake files holding rows of its older versions are written again
 * without them, so every reader (Athena, Trino, {@code read_parquet}) sees the newest version only.
 *
 * <p>In the order a killed run can be finished or undone: the new files are written under the
 * run's staging folder and moved into place with the run's id in their names (as the run's own
 * files); the lake-relative paths of the files they replace are written to {@code
 * _manifest/RUN.replaces}; the run's manifest is written (the switch); then the replaced files and
 * the {@code .replaces} list are deleted. A run stopped before its manifest is undone by the next
 * (its files and list removed: the old files are still whole); one stopped after it is finished by
 * the next (the listed files deleted). Until then readers skip the listed files ({@link
 * Manifest#unreadable}).
 */
final class LakeRewrite {
    /** The staging folder of the rewritten files. */
    static final String REWRITE = "rewrite";

    static final String REPLACES = ".replaces";

    private LakeRewrite() {}

    /**
     * The file ids whose rows the run replaces: every earlier version of a path the run loaded
     * again (a version the run could not read, FAILED, replaces nothing).
     */
    static List<Integer> superseded(Manifest before, List<FileOutcome> run) {
        Map<String, FileOutcome> reloaded = new TreeMap<>();
        for (FileOutcome o : run) {
            if (!"FAILED".equals(o.status())) {
                reloaded.put(o.path(), o);
            }
        }
        List<Integer> ids = new ArrayList<>();
        for (FileOutcome e : before.entries()) {
            if (!"FAILED".equals(e.status()) && reloaded.containsKey(e.path())) {
                ids.add(e.fileId());
            }
        }
        return ids;
    }

    /**
     * Writes, under {@code staging/rewrite/DATASET/...}, each folder's files that hold rows of
     * {@code ids} again without those rows (one file per folder, sorted as ingest sorts); returns
     * the lake-relative paths of the files they replace.
     */
    static List<String> stage(SparkSession spark, String lake, String staging, List<Integer> ids, Configuration conf)
            throws IOException {
        List<String> replaced = new ArrayList<>();
        if (ids.isEmpty()) {
            return replaced;
        }
        for (String dataset : List.of(LakeLayout.FLOWS, LakeLayout.BAD_LINES)) {
            Path root = new Path(LakeLayout.child(lake, dataset));
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                continue;
            }
            String rootPath = fs.makeQualified(root).toUri().getPath();
            Map<String, List<String>> byFolder = new TreeMap<>();
            for (String file : filesWith(spark, root.toString(), ids)) {
                Path p = new Path(URI.create(file));
                String relative = p.toUri().getPath().substring(rootPath.length() + 1);
                replaced.add(dataset + "/" + relative);
                String folder = p.getParent().toUri().getPath().substring(rootPath.length());
                byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(p.toString());
            }
            for (Map.Entry<String, List<String>> e : byFolder.entrySet()) {
                Dataset<Row> kept = spark.read()
                        .option("mergeSchema", "true")
                        .parquet(e.getValue().toArray(String[]::new))
                        .drop(LakeLayout.PARTITION_COLUMNS.toArray(String[]::new))
                        .where(functions.not(functions.col("file_id").isin(ids.toArray())));
                String[] order = LakeLayout.FLOWS.equals(dataset)
                        ? new String[] {"interface_id", "start", "line"}
                        : new String[] {"file_id", "line"};
                kept.coalesce(1)
                        .sortWithinPartitions(order[0], java.util.Arrays.copyOfRange(order, 1, order.length))
                        .write()
                        .option("compression", "zstd")
                        .parquet(LakeLayout.child(staging, REWRITE + "/" + dataset) + e.getKey());
            }
        }
        return replaced;
    }

    /** The files of a dataset (URIs, as Spark names them) holding a row of one of the ids. */
    private static List<String> filesWith(SparkSession spark, String dir, List<Integer> ids) {
        return spark
                .read()
                .schema(DataTypes.createStructType(
                        List.of(DataTypes.createStructField("file_id", DataTypes.IntegerType, true))))
                .parquet(dir)
                .where(functions.col("file_id").isin(ids.toArray()))
                .select(functions.col("_metadata.file_path"))
                .distinct()
                .as(Encoders.STRING())
                .collectAsList()
                .stream()
                .sorted()
                .toList();
    }

    /** Writes the run's list of replaced files (to a temporary name, then renamed): before its manifest. */
    static void writeList(String lake, String run, List<String> replaced, Configuration conf) throws IOException {
        if (replaced.isEmpty()) {
            return;
        }
        Path dir = new Path(LakeLayout.child(lake, LakeLayout.MANIFEST));
        FileSystem fs = dir.getFileSystem(conf);
        fs.mkdirs(dir);
        Path tmp = new Path(dir, "." + run + REPLACES + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            for (String r : replaced) {
                out.write((r + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path target = new Path(dir, run + REPLACES);
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot write the list of replaced files " + target);
        }
    }

    /** The lists of replaced files in the lake, by run. */
    static Map<String, List<String>> lists(String lake, Configuration conf) throws IOException {
        Path dir = new Path(LakeLayout.child(lake, LakeLayout.MANIFEST));
        FileSystem fs = dir.getFileSystem(conf);
        Map<String, List<String>> out = new TreeMap<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus f : fs.listStatus(dir, p -> p.getName().endsWith(REPLACES))) {
            String name = f.getPath().getName();
            List<String> files = new ArrayList<>();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        files.add(line);
                    }
                }
            }
            out.put(name.substring(0, name.length() - REPLACES.length()), files);
        }
        return out;
    }

    /**
     * Ends a run's replacement: when the run committed, deletes the files it replaced, then its list;
     * when it did not, deletes its list only (the replaced files are the lake's current ones).
     */
    static void finish(String lake, String run, List<String> replaced, boolean committed, Configuration conf)
            throws IOException {
        Path dir = new Path(LakeLayout.child(lake, LakeLayout.MANIFEST));
        FileSystem fs = dir.getFileSystem(conf);
        if (committed) {
            for (String r : replaced) {
                fs.delete(new Path(LakeLayout.child(lake, r)), false);
            }
        }
        fs.delete(new Path(dir, run + REPLACES), false);
    }
}
