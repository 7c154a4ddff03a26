package dev.flowlens.store.export;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.store.WorkspaceSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a workspace's records as a flow log lake, the layout {@code flowlens spark ingest} writes
 * and every engine reads: {@code LAKE/flows/aws_account_id=A/aws_region=R/date=D/hour=H/*.parquet}
 * with the columns of the {@code flows} view (unknown {@code x_*} fields last, as text), and
 * {@code LAKE/_manifest/export.jsonl} naming each exported file id's path. Partition values come
 * from the record or else from the file's S3 key, as on Spark.
 */
public final class LakeExport {
    private LakeExport() {}

    /** The partition columns, in order, with their Athena types. */
    public static final List<String[]> PARTITIONS = List.of(
            new String[] {"aws_account_id", "string"},
            new String[] {"aws_region", "string"},
            new String[] {"date", "string"},
            new String[] {"hour", "int"});

    /** What an export wrote: records, their Parquet files, and bad lines. */
    public record Result(long records, long files, long badLines) {}

    /**
     * Exports the records whose capture window overlaps [{@code from}, {@code to}] (null: open) into
     * {@code lake}, a folder that must not hold a lake yet. DuckDB writes into a private temporary
     * folder (no user text reaches the SQL); the files are then moved into place.
     */
    public static Result export(Connection c, Path lake, Long from, Long to) throws SQLException, IOException {
        if (Files.exists(lake.resolve("flows"))) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "a lake is already at " + lake + ": export writes a new one; name another folder");
        }
        StringBuilder select = new StringBuilder("SELECT f.file_id, f.line, f.log_stream");
        for (FlowField f : FlowField.values()) {
            select.append(", f.").append(WorkspaceSchema.quote(f.column()));
        }
        // the unknown header fields the workspace kept (x_*), as text columns after the known ones
        for (String x : WorkspaceSchema.recordColumns(c)) {
            if (x.startsWith("x_")) {
                select.append(", f.").append(WorkspaceSchema.quote(x));
            }
        }
        String start = "CASE WHEN f.start BETWEEN 0 AND 253402300799 THEN make_timestamp(f.start * 1000000)"
                + " WHEN fi.file_time IS NOT NULL THEN make_timestamp(fi.file_time * 1000000) ELSE make_timestamp(0) END";
        select.append(
                        ", coalesce(f.account_id, fi.account_id, 'unknown') AS aws_account_id, coalesce(f.region, fi.region, 'unknown') AS aws_region,")
                .append(" strftime(")
                .append(start)
                .append(", '%Y-%m-%d') AS date, CAST(hour(")
                .append(start)
                .append(") AS INTEGER) AS hour")
                .append(" FROM flows f LEFT JOIN files fi ON fi.file_id = f.file_id WHERE true");
        List<Long> params = new ArrayList<>();
        if (from != null) {
            select.append(" AND f.\"end\" >= ?");
            params.add(from);
        }
        if (to != null) {
            select.append(" AND f.start <= ?");
            params.add(to);
        }
        select.append(" ORDER BY aws_account_id, aws_region, date, hour, f.interface_id, f.start, f.file_id, f.line");
        Path tmp = Files.createTempDirectory("flowlens-export-");
        try {
            Path staged = tmp.resolve("flows");
            String sql = "COPY (" + select + ") TO '" + staged.toString().replace("'", "''")
                    + "' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (aws_account_id, aws_region, date, hour), FILENAME_PATTERN 'export_{i}')";
            long records;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setLong(i + 1, params.get(i));
                }
                ps.execute();
                records = ps.getUpdateCount();
            }
            long files = 0;
            if (Files.exists(staged)) {
                List<Path> parquet;
                try (Stream<Path> all = Files.walk(staged)) {
                    parquet = all.filter(p -> p.toString().endsWith(".parquet"))
                            .sorted()
                            .toList();
                }
                for (Path p : parquet) {
                    Path target =
                            lake.resolve("flows").resolve(staged.relativize(p).toString());
                    Files.createDirectories(target.getParent());
                    Files.move(p, target, StandardCopyOption.REPLACE_EXISTING);
                    files++;
                }
            }
            long badLines = writeBadLines(c, tmp, lake.resolve("bad_lines"));
            writeManifest(c, lake.resolve("_manifest"));
            return new Result(records, files, badLines);
        } finally {
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The workspace's bad lines, every file's (the manifest names every file), as Spark's ingest
     * writes them: {@code LAKE/bad_lines/export_0.parquet} with file id, path, line, field, reason and
     * text, zstd; nothing when there are none.
     */
    private static long writeBadLines(Connection c, Path tmp, Path target) throws SQLException, IOException {
        Path staged = tmp.resolve("bad_lines.parquet");
        long n;
        try (PreparedStatement ps = c.prepareStatement("COPY (SELECT CAST(file_id AS INTEGER) AS file_id, path,"
                + " CAST(line AS BIGINT) AS line, field, reason, text FROM bad_lines ORDER BY file_id, line) TO '"
                + staged.toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd)")) {
            ps.execute();
            n = ps.getUpdateCount();
        }
        if (n > 0) {
            Files.createDirectories(target);
            Files.move(staged, target.resolve("export_0.parquet"), StandardCopyOption.REPLACE_EXISTING);
        }
        return n;
    }

    /** The manifest of the exported files: one JSON line per file of the workspace, as Spark's ingest writes them. */
    private static void writeManifest(Connection c, Path dir) throws SQLException, IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(".export.jsonl.tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT to_json({'fileId': file_id, 'path': path, 'size': size, 'modified': mtime, 'sha256': sha256,"
                                + " 'kind': kind, 'container': container, 'formats': formats, 'records': records, 'badLines': bad_lines, 'status': status,"
                                + " 'error': error}) FROM files ORDER BY file_id")) {
            while (rs.next()) {
                out.write(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        Files.move(
                tmp, dir.resolve("export.jsonl"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The Athena / Trino (Hive connector) {@code CREATE EXTERNAL TABLE} for a lake at {@code location}
     * ({@code s3://bucket/prefix}), with partition projection so new dates need no {@code MSCK REPAIR}.
     */
    public static String athenaTable(String table, String location) {
        String base = location.endsWith("/") ? location : location + "/";
        StringBuilder b = new StringBuilder("CREATE EXTERNAL TABLE IF NOT EXISTS ")
                .append(table)
                .append(" (\n");
        b.append("  `file_id` int,\n  `line` bigint,\n  `log_stream` string");
        for (FlowField f : FlowField.values()) {
            b.append(",\n  `").append(f.column()).append("` ").append(athenaType(f.type()));
        }
        b.append("\n)\nPARTITIONED BY (");
        for (int i = 0; i < PARTITIONS.size(); i++) {
            b.append(i == 0 ? "" : ", ")
                    .append('`')
                    .append(PARTITIONS.get(i)[0])
                    .append("` ")
                    .append(PARTITIONS.get(i)[1]);
        }
        b.append(")\nSTORED AS PARQUET\nLOCATION '")
                .append(base)
                .append("flows/'\nTBLPROPERTIES (\n")
                .append("  'projection.enabled' = 'true',\n")
                .append("  'projection.aws_account_id.type' = 'injected',\n")
                .append("  'projection.aws_region.type' = 'injected',\n")
                .append("  'projection.date.type' = 'date',\n")
                .append("  'projection.date.format' = 'yyyy-MM-dd',\n")
                .append("  'projection.date.range' = '2015-01-01,NOW',\n")
                .append("  'projection.date.interval' = '1',\n")
                .append("  'projection.date.interval.unit' = 'DAYS',\n")
                .append("  'projection.hour.type' = 'integer',\n")
                .append("  'projection.hour.range' = '0,23',\n")
                .append("  'storage.location.template' = '")
                .append(base)
                .append(
                        "flows/aws_account_id=${aws_account_id}/aws_region=${aws_region}/date=${date}/hour=${hour}/'\n);\n");
        return b.toString();
    }

    private static String athenaType(FieldType type) {
        return switch (type) {
            case INT -> "int";
            case LONG, EPOCH_SECONDS -> "bigint";
            case ADDRESS, TEXT -> "string";
        };
    }
}
