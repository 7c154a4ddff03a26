package dev.flowlens.spark;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.lake.FileOutcome;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import dev.flowlens.core.record.RecordBatch;
import dev.flowlens.core.s3.S3ObjectKey;
import dev.flowlens.sources.FileKind;
import dev.flowlens.sources.FlowFileReader;
import dev.flowlens.sources.ReadOutcome;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads one flow log file inside an executor with the CLI's readers and byte parser
 * ({@link FlowFileReader}, {@link RecordAssembler}) into lake rows, bad-line rows and an outcome.
 * A file that cannot be read to the end for an I/O error gives no rows (FAILED, read again by the
 * next run); damaged gzip keeps what came before it (PARTIAL), as the DuckDB workspace does.
 */
final class FileReading {
    private static final int FIELDS = FlowField.values().length;
    /** Offset of the first field in a lake row: file_id, line, log_stream. */
    private static final int FIRST_FIELD = 3;

    private static final int BATCH = 4096;
    private static final long SECONDS_PER_DAY = 86_400;
    /** 10000-01-01: a start time past it is no date to partition by. */
    private static final long LATEST = 253402300800L;

    /**
     * What one file gave: its lake rows, its bad lines, and the values of its unknown header fields
     * ({@code x_*}, kept apart: a run's lake columns are known only once every file is read), one
     * {@link #extraSchema()} row per record and field.
     */
    record Result(List<InternalRow> flows, List<Row> badLines, List<Row> extras, FileOutcome outcome) {}

    /** A value of an unknown field: the record's file id, line and log stream, the {@code x_*} column and the text. */
    static StructType extraSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("file_id", DataTypes.IntegerType, true),
                DataTypes.createStructField("line", DataTypes.LongType, true),
                DataTypes.createStructField("log_stream", DataTypes.StringType, true),
                DataTypes.createStructField("column", DataTypes.StringType, true),
                DataTypes.createStructField("value", DataTypes.StringType, true)));
    }

    private final FlowFormat defaultFormat;
    private final Configuration conf;
    private final FlowFileReader reader = new FlowFileReader();
    private final Utf8Texts texts = new Utf8Texts();

    FileReading(FlowFormat defaultFormat, Configuration conf) {
        this.defaultFormat = defaultFormat;
        this.conf = conf;
    }

    Result read(FileTask task) {
        List<InternalRow> flows = new ArrayList<>();
        List<Row> bad = new ArrayList<>();
        List<Row> extras = new ArrayList<>();
        S3ObjectKey key = S3ObjectKey.parse(task.path());
        String keyDate = null;
        int keyHour = 0;
        if (key.fileTime() != null) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(key.fileTime(), 0, ZoneOffset.UTC);
            keyDate = t.toLocalDate().toString();
            keyHour = t.getHour();
        }
        String fallbackDate = keyDate;
        int fallbackHour = keyHour;
        RecordAssembler assembler = new RecordAssembler(
                task.path(),
                defaultFormat,
                BATCH,
                batch -> {
                    addRows(task.fileId(), batch, key, fallbackDate, fallbackHour, flows);
                    addExtras(task.fileId(), batch, extras);
                },
                problem -> bad.add(badLine(task.fileId(), task.path(), problem)));
        HadoopInputFile input = new HadoopInputFile(task.location(), task.size(), task.modified(), conf);
        ReadOutcome outcome;
        try {
            outcome = reader.read(input, assembler, null);
            if (outcome.kind() == FileKind.PARQUET) {
                ParquetAsDelivered.read(task.location(), conf, assembler);
                assembler.flush();
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(
                    List.of(),
                    List.of(),
                    List.of(),
                    new FileOutcome(
                            task.fileId(),
                            task.path(),
                            task.size(),
                            task.modified(),
                            null,
                            null,
                            null,
                            null,
                            0,
                            0,
                            "FAILED",
                            "cannot read: " + why));
        }
        String formats =
                assembler.formatsSeen().stream().map(FlowFormat::headerLine).collect(Collectors.joining("\n"));
        String status = outcome.complete() ? "LOADED" : "PARTIAL";
        return new Result(
                inLakeOrder(flows),
                bad,
                extras,
                new FileOutcome(
                        task.fileId(),
                        task.path(),
                        task.size(),
                        task.modified(),
                        outcome.sha256(),
                        outcome.kind().name(),
                        outcome.container(),
                        formats,
                        assembler.records(),
                        assembler.badLines(),
                        status,
                        outcome.error()));
    }

    /** A run of a file's records: one partition's (account, region, date, hour) of one interface. */
    private record Run(UTF8String account, UTF8String region, UTF8String date, int hour, UTF8String interfaceId)
            implements Comparable<Run> {
        private static final Comparator<Run> ORDER = Comparator.comparing(Run::account)
                .thenComparing(Run::region)
                .thenComparing(Run::date)
                .thenComparingInt(Run::hour)
                .thenComparing(Run::interfaceId, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(Run o) {
            return ORDER.compare(this, o);
        }
    }

    /**
     * A file's records in the lake's order: by partition (account, region, date, hour), then
     * interface, start and line, so that a Parquet file holds each interface's records side by
     * side (they compress best so) and a task writes a partition's records in one go. Grouped by
     * run first (one pass), so only the runs' keys and each run's few records are sorted.
     */
    static List<InternalRow> inLakeOrder(List<InternalRow> rows) {
        int p = FIRST_FIELD + FIELDS;
        int eni = FIRST_FIELD + FlowField.INTERFACE_ID.ordinal();
        int start = FIRST_FIELD + FlowField.START.ordinal();
        Map<Run, List<InternalRow>> runs = new HashMap<>();
        for (InternalRow r : rows) {
            Run run = new Run(
                    r.getUTF8String(p),
                    r.getUTF8String(p + 1),
                    r.getUTF8String(p + 2),
                    r.getInt(p + 3),
                    r.isNullAt(eni) ? null : r.getUTF8String(eni));
            runs.computeIfAbsent(run, k -> new ArrayList<>()).add(r);
        }
        List<Run> keys = new ArrayList<>(runs.keySet());
        keys.sort(null);
        // rows come in line order: a stable sort by start leaves equal starts by line
        Comparator<InternalRow> byStart = Comparator.comparing(
                r -> (Long) ((GenericInternalRow) r).genericGet(start), // the row's own Long: no boxing
                Comparator.nullsFirst(Comparator.<Long>naturalOrder()));
        List<InternalRow> out = new ArrayList<>(rows.size());
        for (Run k : keys) {
            List<InternalRow> run = runs.get(k);
            run.sort(byStart);
            out.addAll(run);
        }
        return out;
    }

    private static Row badLine(int fileId, String path, ParseProblem p) {
        return RowFactory.create(fileId, path, p.line(), p.field(), p.reason(), p.text());
    }

    /**
     * The values of the batch's unknown fields, as the workspace keeps them: text, in the column
     * {@link FormatField#column()} names ({@code x_} and the name in snake case), the first position
     * of a name given twice.
     */
    private static void addExtras(int fileId, RecordBatch batch, List<Row> out) {
        FlowFormat format = batch.format();
        Set<String> columns = new HashSet<>();
        for (int c = 0; c < format.size(); c++) {
            FormatField f = format.get(c);
            if (f.isKnown() || !columns.add(f.column())) {
                continue;
            }
            for (int r = 0; r < batch.size(); r++) {
                if (!batch.isNull(c, r)) {
                    out.add(RowFactory.create(
                            fileId, batch.line(r), batch.logStream(r), f.column(), String.valueOf(batch.value(c, r))));
                }
            }
        }
    }

    private void addRows(
            int fileId, RecordBatch batch, S3ObjectKey key, String keyDate, int keyHour, List<InternalRow> out) {
        FlowFormat format = batch.format();
        int n = format.size();
        int[] target = new int[n];
        FieldType[] types = new FieldType[n];
        int account = -1;
        int region = -1;
        int start = -1;
        for (int c = 0; c < n; c++) {
            FormatField f = format.get(c);
            target[c] = f.isKnown() ? FIRST_FIELD + f.field().ordinal() : -1;
            types[c] = f.isKnown() ? f.field().type() : null;
            if (f.field() == FlowField.ACCOUNT_ID) {
                account = c;
            } else if (f.field() == FlowField.REGION) {
                region = c;
            } else if (f.field() == FlowField.START) {
                start = c;
            }
        }
        long lastDay = Long.MIN_VALUE;
        UTF8String lastDate = null;
        UTF8String keyAccount = texts.of(key.accountId() == null ? LakeLayout.UNKNOWN : key.accountId());
        UTF8String keyRegion = texts.of(key.region() == null ? LakeLayout.UNKNOWN : key.region());
        UTF8String fallbackDate = texts.of(keyDate == null ? "1970-01-01" : keyDate);
        Integer fallbackHour = keyDate == null ? 0 : keyHour;
        for (int r = 0; r < batch.size(); r++) {
            Object[] row = new Object[FIRST_FIELD + FIELDS + LakeLayout.PARTITION_COLUMNS.size()];
            row[0] = fileId;
            row[1] = batch.line(r);
            row[2] = texts.of(batch.logStream(r));
            for (int c = 0; c < n; c++) {
                if (target[c] < 0 || batch.isNull(c, r)) {
                    continue;
                }
                row[target[c]] = switch (types[c]) {
                    case INT -> (int) batch.number(c, r);
                    case LONG, EPOCH_SECONDS -> batch.number(c, r);
                    case ADDRESS -> batch.isIpv4(c, r) ? texts.ipv4(batch.number(c, r)) : texts.of(batch.text(c, r));
                    case TEXT -> texts.of(batch.text(c, r));
                };
            }
            int p = FIRST_FIELD + FIELDS;
            row[p] = account >= 0 && !batch.isNull(account, r)
                    ? row[FIRST_FIELD + FlowField.ACCOUNT_ID.ordinal()]
                    : keyAccount;
            row[p + 1] =
                    region >= 0 && !batch.isNull(region, r) ? row[FIRST_FIELD + FlowField.REGION.ordinal()] : keyRegion;
            if (start >= 0
                    && !batch.isNull(start, r)
                    && batch.number(start, r) >= 0
                    && batch.number(start, r) < LATEST) {
                long seconds = batch.number(start, r);
                long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
                if (day != lastDay) { // records of a batch mostly share their day: its text once
                    lastDay = day;
                    lastDate = texts.of(LocalDate.ofEpochDay(day).toString());
                }
                row[p + 2] = lastDate;
                row[p + 3] = (int) (Math.floorMod(seconds, SECONDS_PER_DAY) / 3600);
            } else {
                row[p + 2] = fallbackDate;
                row[p + 3] = fallbackHour;
            }
            out.add(new GenericInternalRow(row));
        }
    }
}
