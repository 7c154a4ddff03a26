package dev.flowlens.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.lake.FileOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
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

    /** The partitions (account, region, date, hour) a write task keeps open at once. */
    static final int OPEN_FILES_PER_TASK = 32;

    private static final String CONCURRENT_WRITERS = "spark.sql.maxConcurrentOutputFileWriters";
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
        /** The document {@code --output json} prints: the counts, without the files. */
        public Document json() {
            return new Document(filesLoaded, filesSkipped, filesFailed, records, badLines, seconds);
        }
    }

    /** A run's counts as {@code flowlens ingest --output json} names them (snake_case, in this order). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Document(
            int filesLoaded, int filesSkipped, int filesFailed, long records, long badLines, double seconds) {}

    private final SparkSession spark;
    private final String lake;
    private final String formatSpec;
    private final Clock clock;
    /** Called at each step of a commit (a test stops a run there, as a killed job would). */
    private Consumer<String> step = s -> {};

    private long sliceBytes = FileSlices.MIN_SLICE_BYTES;
    private int openFiles = OPEN_FILES_PER_TASK;

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

    /** Calls {@code hook} with the name of each commit step reached ({@code listed}, {@code committed}). */
    LakeIngest onStep(Consumer<String> hook) {
        this.step = hook;
        return this;
    }

    /**
     * Sets the least input bytes of a slice ({@link FileSlices#MIN_SLICE_BYTES}) and the files a
     * task keeps open ({@link #OPEN_FILES_PER_TASK}): a test reads small inputs in many slices and
     * makes Spark sort past the open files, as a large run would.
     */
    LakeIngest tuning(long minSliceBytes, int openFilesPerTask) {
        this.sliceBytes = minSliceBytes;
        this.openFiles = openFilesPerTask;
        return this;
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
        Path slices = new Path(LakeLayout.child(staging, "slices.json"));
        FlowLogFiles.writeSlices(
                slices, FileSlices.of(tasks, spark.sparkContext().defaultParallelism(), sliceBytes), conf);
        DataFrameReader files = spark.read()
                .format(FlowLogFiles.class.getName())
                .option(FlowLogFiles.SLICES, slices.toString())
                .option(FlowLogFiles.STAGING, staging);
        if (formatSpec != null) {
            files = files.option(FlowLogFiles.FORMAT, formatSpec);
        }
        writeAsRead(files.load(), LakeLayout.child(staging, LakeLayout.FLOWS));
        List<FileOutcome> outcomes = readOutcomes(staging, conf);
        if (outcomes.size() != tasks.size()) {
            throw new FlowlensException(
                    ErrorCode.INTERNAL,
                    "ingest run " + run + " read " + outcomes.size() + " of " + tasks.size()
                            + " files; nothing of it is committed, run it again");
        }
        Path badDir = new Path(LakeLayout.child(staging, StagedOutcomes.BAD));
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
        addExtraColumns(staging, conf);
        List<String> replaced =
                LakeRewrite.stage(spark, lake, staging, LakeRewrite.superseded(manifest, outcomes), conf);
        commit(run, staging, outcomes, replaced, conf);
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

    /**
     * Writes each task's records into {@code dir} in the order the task reads them (each file's
     * records in {@link FileReading#inLakeOrder} order), one Parquet file per account, region, date
     * and hour the task holds, without a shuffle or a sort: Spark's concurrent writers keep up to
     * {@link #OPEN_FILES_PER_TASK} files open (past that, it sorts the rest by partition first).
     */
    private void writeAsRead(Dataset<Row> flows, String dir) {
        String before = spark.conf().get(CONCURRENT_WRITERS, null);
        spark.conf().set(CONCURRENT_WRITERS, openFiles);
        try {
            writeLakeFiles(flows, dir);
        } finally {
            if (before == null) {
                spark.conf().unset(CONCURRENT_WRITERS);
            } else {
                spark.conf().set(CONCURRENT_WRITERS, before);
            }
        }
    }

    /**
     * Writes records into {@code dir} compacted: one file per account, region, date and hour (more
     * only past {@link #MAX_RECORDS_PER_FILE}), sorted by interface and time, zstd.
     */
    private static void writeCompacted(Dataset<Row> flows, String dir) {
        Column[] parts =
                LakeLayout.PARTITION_COLUMNS.stream().map(functions::col).toArray(Column[]::new);
        Column[] order = new Column[parts.length + 3];
        System.arraycopy(parts, 0, order, 0, parts.length);
        order[parts.length] = functions.col("interface_id");
        order[parts.length + 1] = functions.col("start");
        order[parts.length + 2] = functions.col("line");
        writeLakeFiles(flows.repartition(parts).sortWithinPartitions(order), dir);
    }

    /** Writes records as the lake's files: partitioned, zstd, split past {@link #MAX_RECORDS_PER_FILE}. */
    private static void writeLakeFiles(Dataset<Row> flows, String dir) {
        flows.write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(LakeLayout.PARTITION_COLUMNS.toArray(String[]::new))
                .option("compression", "zstd")
                .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE)
                .parquet(dir);
    }

    /**
     * When some file of the run had unknown header fields, writes the run's records again with one
     * text column per such field ({@code x_*}, after the known fields, sorted by name), as {@code
     * flowlens export --lake} writes the workspace's; a run without any writes nothing more.
     */
    private void addExtraColumns(String staging, Configuration conf) throws IOException {
        Path extrasDir = new Path(LakeLayout.child(staging, StagedOutcomes.EXTRAS));
        FileSystem fs = extrasDir.getFileSystem(conf);
        if (!fs.exists(extrasDir)) {
            return;
        }
        Dataset<Row> extras = spark.read().schema(FileReading.extraSchema()).json(extrasDir.toString());
        List<String> names =
                extras.select("column").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream()
                        .sorted()
                        .toList();
        if (names.isEmpty()) {
            return;
        }
        Dataset<Row> byRecord = extras.groupBy("file_id", "line", "log_stream")
                .pivot("column", new ArrayList<>(names))
                .agg(functions.first("value"));
        String staged = LakeLayout.child(staging, LakeLayout.FLOWS);
        Dataset<Row> flows = spark.read()
                .schema(LakeLayout.writeSchema())
                .option("basePath", staged)
                .parquet(staged);
        Column key = flows.col("file_id")
                .equalTo(byRecord.col("file_id"))
                .and(flows.col("line").equalTo(byRecord.col("line")))
                .and(flows.col("log_stream").eqNullSafe(byRecord.col("log_stream")));
        List<Column> columns = new ArrayList<>();
        for (String c : LakeLayout.recordSchema().fieldNames()) {
            columns.add(flows.col(c));
        }
        for (String x : names) {
            columns.add(byRecord.col(x));
        }
        for (String c : LakeLayout.PARTITION_COLUMNS) {
            columns.add(flows.col(c));
        }
        String widened = LakeLayout.child(staging, "flows-x");
        writeCompacted(flows.join(byRecord, key, "left").select(columns.toArray(Column[]::new)), widened);
        fs.delete(new Path(staged), true);
        if (!fs.rename(new Path(widened), new Path(staged))) {
            throw new IOException("cannot move " + widened + " to " + staged);
        }
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

    /**
     * Finishes or undoes what runs that stopped left: the replacements of committed runs are
     * finished, the files of runs without a manifest removed ({@link LakeRewrite}).
     */
    private void recover(Configuration conf) throws IOException {
        Path stagingRoot = new Path(LakeLayout.child(lake, LakeLayout.STAGING));
        FileSystem fs = stagingRoot.getFileSystem(conf);
        if (!fs.exists(stagingRoot)) {
            return;
        }
        List<String> committed = Manifest.read(lake, conf).runs();
        for (Map.Entry<String, List<String>> e : LakeRewrite.lists(lake, conf).entrySet()) {
            LakeRewrite.finish(lake, e.getKey(), e.getValue(), committed.contains(e.getKey()), conf);
        }
        for (FileStatus s : fs.listStatus(stagingRoot)) {
            String run = s.getPath().getName();
            if (!committed.contains(run)) {
                for (Path f : Manifest.filesOfRun(lake, run, conf)) {
                    fs.delete(f, false);
                }
            }
            fs.delete(s.getPath(), true);
        }
    }

    /**
     * Moves the run's files (and the files it wrote again without older versions' rows) into the
     * lake, lists the files these replace, writes the run's manifest (the switch), then deletes the
     * replaced files and the run's staging folder.
     */
    private void commit(
            String run, String staging, List<FileOutcome> outcomes, List<String> replaced, Configuration conf)
            throws IOException {
        for (String dataset : List.of(LakeLayout.FLOWS, LakeLayout.BAD_LINES)) {
            moveIntoPlace(run, LakeLayout.child(staging, dataset), dataset, conf);
            moveIntoPlace(run, LakeLayout.child(staging, LakeRewrite.REWRITE + "/" + dataset), dataset, conf);
        }
        LakeRewrite.writeList(lake, run, replaced, conf);
        step.accept("listed");
        Manifest.write(lake, run, outcomes, conf);
        step.accept("committed");
        LakeRewrite.finish(lake, run, replaced, true, conf);
        Path s = new Path(staging);
        s.getFileSystem(conf).delete(s, true);
    }

    /** Moves the Parquet files under a staging folder into the dataset's same sub-folders, named with the run's id. */
    private void moveIntoPlace(String run, String staged, String dataset, Configuration conf) throws IOException {
        Path from = new Path(staged);
        FileSystem fs = from.getFileSystem(conf);
        if (!fs.exists(from)) {
            return;
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

    private static List<FileOutcome> readOutcomes(String staging, Configuration conf) throws IOException {
        Path dir = new Path(LakeLayout.child(staging, StagedOutcomes.OUTCOMES));
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
}
