package dev.flowlens.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.lake.FileOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code ingest INPUT... --lake DIR}: lists the flow log files on the driver, skips those the
 * lake's manifest has already loaded, reads the others in the executors (the CLI's readers and
 * byte parser, {@link FileReading}) and writes their records into the lake, compacted: one file per
 * account, region, date and hour per run (more only past {@link #MAX_RECORDS_PER_FILE}).
 *
 * <p>A run commits in steps that a rerun can finish or undo: Spark writes the run's files under
 * {@code _staging/RUN}; the driver moves them into place with the run's id in their names; the
 * run's manifest is written last. A run that stopped before its manifest leaves files that the next
 * run removes, and its inputs are read again.
 */
public final class LakeIngest {
    /** The most records in one Parquet file of the lake. */
    public static final long MAX_RECORDS_PER_FILE = 20_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What a run did, as {@code flowlens ingest --output json} reports it. */
    public record Summary(
            int filesLoaded,
            int filesSkipped,
            int filesFailed,
            long records,
            long badLines,
            double seconds,
            List<FileOutcome> files) {
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("files_loaded", filesLoaded);
            m.put("files_skipped", filesSkipped);
            m.put("files_failed", filesFailed);
            m.put("records", records);
            m.put("bad_lines", badLines);
            m.put("seconds", seconds);
            return m;
        }
    }

    private final SparkSession spark;
    private final String lake;
    private final String formatSpec;
    private final Clock clock;

    /** {@code formatSpec}: the format of files without a header ({@code --format}), null for the default v2. */
    public LakeIngest(SparkSession spark, String lake, String formatSpec, Clock clock) {
        this.spark = spark;
        // qualified (file:/abs/..., s3a://...): the paths the file system lists are, and the commit compares them
        try {
            Path root = new Path(lake);
            this.lake = root.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .makeQualified(root)
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.formatSpec = formatSpec;
        this.clock = clock;
        if (formatSpec != null) {
            FlowFormat.parseUserFormat(formatSpec); // a bad --format is a usage error here, not in an executor
        }
    }

    public Summary ingest(List<String> inputs) throws IOException {
        long began = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        recover(conf);
        Manifest manifest = Manifest.read(lake, conf);
        Map<String, FileOutcome> loaded = manifest.loaded();
        List<FileStatus> listed = list(inputs, conf);
        List<FileTask> tasks = new ArrayList<>();
        int skipped = 0;
        int nextId = manifest.nextFileId();
        for (FileStatus s : listed) {
            String location = s.getPath().toString();
            String path = displayPath(s.getPath());
            FileOutcome before = loaded.get(path);
            if (before != null && before.size() == s.getLen() && before.modified() == s.getModificationTime()) {
                skipped++;
                continue;
            }
            tasks.add(new FileTask(nextId++, location, path, s.getLen(), s.getModificationTime()));
        }
        if (tasks.isEmpty()) {
            return new Summary(0, skipped, 0, 0, 0, seconds(began), List.of());
        }
        String run = RUN_TIME.format(clock.instant()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        String staging = LakeLayout.child(LakeLayout.child(lake, LakeLayout.STAGING), run);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // a few tasks per core, each a run of files in listing order (5-minute objects are small)
        int slices = Math.max(1, Math.min(tasks.size(), jsc.defaultParallelism() * 4));
        JavaRDD<Row> rows =
                jsc.parallelize(tasks, slices).mapPartitions(new ReadFiles(new HadoopConf(conf), formatSpec, staging));
        Dataset<Row> flows = spark.createDataFrame(rows, LakeLayout.writeSchema());
        Column[] parts =
                LakeLayout.PARTITION_COLUMNS.stream().map(functions::col).toArray(Column[]::new);
        Column[] order = new Column[parts.length + 3];
        System.arraycopy(parts, 0, order, 0, parts.length);
        order[parts.length] = functions.col("interface_id");
        order[parts.length + 1] = functions.col("start");
        order[parts.length + 2] = functions.col("line");
        flows.repartition(parts)
                .sortWithinPartitions(order)
                .write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(LakeLayout.PARTITION_COLUMNS.toArray(String[]::new))
                .option("compression", "zstd")
                .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE)
                .parquet(LakeLayout.child(staging, LakeLayout.FLOWS));
        List<FileOutcome> outcomes = readOutcomes(staging, conf);
        if (outcomes.size() != tasks.size()) {
            throw new FlowlensException(
                    ErrorCode.INTERNAL,
                    "ingest run " + run + " read " + outcomes.size() + " of " + tasks.size()
                            + " files; nothing of it is committed, run it again");
        }
        Path badDir = new Path(LakeLayout.child(staging, "bad"));
        long badTotal = outcomes.stream().mapToLong(FileOutcome::badLines).sum();
        if (badTotal > 0) {
            spark.read()
                    .schema(LakeLayout.badLineSchema())
                    .json(badDir.toString())
                    .coalesce(1)
                    .write()
                    .option("compression", "zstd")
                    .parquet(LakeLayout.child(staging, LakeLayout.BAD_LINES));
        }
        commit(run, staging, outcomes, conf);
        int loadedFiles = 0;
        int failed = 0;
        long records = 0;
        for (FileOutcome o : outcomes) {
            if ("FAILED".equals(o.status())) {
                failed++;
            } else {
                loadedFiles++;
                records += o.records();
            }
        }
        return new Summary(loadedFiles, skipped, failed, records, badTotal, seconds(began), outcomes);
    }

    private static double seconds(long began) {
        return Math.round((System.nanoTime() - began) / 1e7) / 100.0;
    }

    /** A local file by its plain path (as the DuckDB workspace names it); any other by its URI. */
    static String displayPath(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    /** The files of the inputs (files, folders read recursively, globs), hidden names left out, each once, sorted. */
    static List<FileStatus> list(List<String> inputs, Configuration conf) throws IOException {
        TreeMap<String, FileStatus> out = new TreeMap<>();
        for (String input : inputs) {
            Path p = new Path(input);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(p);
            if (matched == null || matched.length == 0) {
                throw new FlowlensException(ErrorCode.PATH_NOT_FOUND, "no such file or folder: " + input);
            }
            for (FileStatus m : matched) {
                if (m.isFile()) {
                    out.put(m.getPath().toString(), m);
                    continue;
                }
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    if (!hidden(m.getPath(), f.getPath())) {
                        out.put(f.getPath().toString(), f);
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** A name starting with {@code .} or {@code _} below the listed folder (checksums, markers, staging). */
    private static boolean hidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root) && p.depth() > root.depth(); p = p.getParent()) {
            if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** Finishes or undoes what runs that stopped left in {@code _staging}. */
    private void recover(Configuration conf) throws IOException {
        Path stagingRoot = new Path(LakeLayout.child(lake, LakeLayout.STAGING));
        FileSystem fs = stagingRoot.getFileSystem(conf);
        if (!fs.exists(stagingRoot)) {
            return;
        }
        List<String> committed = Manifest.read(lake, conf).runs();
        for (FileStatus s : fs.listStatus(stagingRoot)) {
            String run = s.getPath().getName();
            if (!committed.contains(run)) {
                for (String dataset : List.of(LakeLayout.FLOWS, LakeLayout.BAD_LINES)) {
                    Path dir = new Path(LakeLayout.child(lake, dataset));
                    if (!fs.exists(dir)) {
                        continue;
                    }
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
                    List<Path> remove = new ArrayList<>();
                    while (it.hasNext()) {
                        Path f = it.next().getPath();
                        if (f.getName().startsWith(run + "-")) {
                            remove.add(f);
                        }
                    }
                    for (Path f : remove) {
                        fs.delete(f, false);
                    }
                }
            }
            fs.delete(s.getPath(), true);
        }
    }

    /** Moves the run's files into the lake, then writes its manifest, then removes its staging folder. */
    private void commit(String run, String staging, List<FileOutcome> outcomes, Configuration conf) throws IOException {
        for (String dataset : List.of(LakeLayout.FLOWS, LakeLayout.BAD_LINES)) {
            Path from = new Path(LakeLayout.child(staging, dataset));
            FileSystem fs = from.getFileSystem(conf);
            if (!fs.exists(from)) {
                continue;
            }
            String prefix = from.toUri().getPath();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(from, true);
            List<Path> files = new ArrayList<>();
            while (it.hasNext()) {
                Path f = it.next().getPath();
                if (f.getName().endsWith(".parquet")) {
                    files.add(f);
                }
            }
            for (Path f : files) {
                String relative = f.getParent().toUri().getPath().substring(prefix.length());
                Path targetDir = new Path(LakeLayout.child(lake, dataset) + relative);
                fs.mkdirs(targetDir);
                Path target = new Path(targetDir, run + "-" + f.getName());
                if (!fs.rename(f, target)) {
                    throw new IOException("cannot move " + f + " to " + target);
                }
            }
        }
        Manifest.write(lake, run, outcomes, conf);
        Path s = new Path(staging);
        s.getFileSystem(conf).delete(s, true);
    }

    private static List<FileOutcome> readOutcomes(String staging, Configuration conf) throws IOException {
        Path dir = new Path(LakeLayout.child(staging, "outcomes"));
        FileSystem fs = dir.getFileSystem(conf);
        Map<Integer, FileOutcome> byId = new TreeMap<>();
        if (!fs.exists(dir)) {
            return List.of();
        }
        for (FileStatus f : fs.listStatus(dir, p -> p.getName().endsWith(".jsonl"))) {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        FileOutcome o = JSON.readValue(line, FileOutcome.class);
                        byId.put(o.fileId(), o);
                    }
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * The executors' side: reads a partition's files one at a time, handing on their rows, and at
     * the end writes the partition's outcomes and bad lines to the run's staging folder (named by
     * partition, so a task run again overwrites them).
     */
    record ReadFiles(HadoopConf conf, String formatSpec, String staging)
            implements FlatMapFunction<Iterator<FileTask>, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<FileTask> files) {
            FlowFormat format = formatSpec == null ? FlowFormat.DEFAULT_V2 : FlowFormat.parseUserFormat(formatSpec);
            FileReading reading = new FileReading(format, conf.get());
            int partition = TaskContext.getPartitionId();
            return new Iterator<>() {
                private Iterator<Row> current = List.<Row>of().iterator();
                private final List<FileOutcome> outcomes = new ArrayList<>();
                private final List<Row> bad = new ArrayList<>();
                private boolean finished;

                @Override
                public boolean hasNext() {
                    while (!current.hasNext()) {
                        if (!files.hasNext()) {
                            finish();
                            return false;
                        }
                        FileReading.Result r = reading.read(files.next());
                        outcomes.add(r.outcome());
                        bad.addAll(r.badLines());
                        current = r.flows().iterator();
                    }
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return current.next();
                }

                private void finish() {
                    if (finished) {
                        return;
                    }
                    finished = true;
                    try {
                        writeLines(
                                LakeLayout.child(staging, "outcomes"),
                                partition,
                                outcomes.stream().map(o -> (Object) o).toList());
                        List<Object> badJson = new ArrayList<>();
                        for (Row b : bad) {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("file_id", b.get(0));
                            m.put("path", b.get(1));
                            m.put("line", b.get(2));
                            m.put("field", b.get(3));
                            m.put("reason", b.get(4));
                            m.put("text", b.get(5));
                            badJson.add(m);
                        }
                        if (!badJson.isEmpty()) {
                            writeLines(LakeLayout.child(staging, "bad"), partition, badJson);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }

        private void writeLines(String dir, int partition, List<Object> values) throws IOException {
            Path file = new Path(dir, String.format(java.util.Locale.ROOT, "part-%05d.jsonl", partition));
            FileSystem fs = file.getFileSystem(conf.get());
            try (OutputStream out = fs.create(file, true)) {
                for (Object v : values) {
                    out.write(JSON.writeValueAsBytes(v));
                    out.write('\n');
                }
            }
        }
    }
}
