package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.lake.FileOutcome;
import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.core.s3.S3ObjectKey;
import dev.flowlens.store.FlowRollup;
import dev.flowlens.store.WorkspaceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a flow log lake (written by {@code flowlens export --lake} or {@code flowlens spark ingest})
 * back into a workspace: each file its manifest names becomes a file of the catalog again, with its
 * path, size, time, hash and counts, and its records (with their unknown {@code x_*} fields) and
 * bad lines keep their line numbers. A file
 * the workspace already has (the same path, size and time, or the same content) is skipped, so
 * reading a lake twice loads nothing the second time. DuckDB reads one lake Parquet file per
 * statement, so memory is bounded by the largest file, not by the lake.
 */
final class LakeImport {
    private static final String MANIFEST_COLUMNS = "{'fileId': 'INTEGER', 'path': 'VARCHAR', 'size': 'BIGINT',"
            + " 'modified': 'BIGINT', 'sha256': 'VARCHAR', 'kind': 'VARCHAR', 'container': 'VARCHAR',"
            + " 'formats': 'VARCHAR', 'records': 'BIGINT', 'badLines': 'BIGINT', 'status': 'VARCHAR', 'error': 'VARCHAR'}";

    private final Connection connection;

    LakeImport(Connection connection) {
        this.connection = connection;
    }

    /** Whether {@code dir} is a lake: a folder with {@code flows} and {@code _manifest} in it. */
    static boolean isLake(Path dir) {
        return Files.isDirectory(dir.resolve("flows")) && Files.isDirectory(dir.resolve("_manifest"));
    }

    /** Loads the files of the lake the workspace does not have yet. */
    IngestSummary load(Path lake) throws SQLException {
        long t0 = System.nanoTime();
        List<FileOutcome> entries = manifest(lake);
        List<FileOutcome> fresh = new ArrayList<>();
        // a Spark lake may hold the same content under two paths; the workspace keeps it once
        Set<String> contents = new HashSet<>();
        for (FileOutcome e : entries) {
            FileCatalog.CatalogEntry known = FileCatalog.entry(connection, e.path());
            boolean same = known != null && known.size() == e.size() && known.mtime() == e.modified();
            if (!same
                    && FileCatalog.entryOfContent(connection, e.sha256()) == null
                    && (e.sha256() == null || contents.add(e.sha256()))) {
                fresh.add(e);
            }
        }
        Set<Path> skip = unreadable(lake);
        List<Path> flows = parquet(lake.resolve("flows"), skip);
        List<Path> bad =
                Files.isDirectory(lake.resolve("bad_lines")) ? parquet(lake.resolve("bad_lines"), skip) : List.of();
        if (!fresh.isEmpty()) {
            Set<String> extras = new TreeSet<>();
            for (Path p : flows) {
                extras.addAll(extraColumns(p));
            }
            WorkspaceSchema.ensureColumns(connection, fieldsWithValues(lake, flows), extras);
            write(fresh, flows, bad);
        }
        long records = fresh.stream().mapToLong(FileOutcome::records).sum();
        long badLines = fresh.stream().mapToLong(FileOutcome::badLines).sum();
        long bytes = fresh.stream().mapToLong(FileOutcome::size).sum();
        return new IngestSummary(
                fresh.size(),
                entries.size() - fresh.size(),
                0,
                records,
                badLines,
                bytes,
                (System.nanoTime() - t0) / 1e9,
                List.of(),
                List.of(),
                0);
    }

    /**
     * The files the lake's runs committed, the newest version of each path (a failed file has nothing
     * in the lake; the rows of a file loaded again since are left in the lake's files and out here).
     */
    private List<FileOutcome> manifest(Path lake) throws SQLException {
        List<FileOutcome> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT fileId, path, size, modified, sha256, kind,"
                + " container, formats, records, badLines, status, error FROM read_json(?, format = 'newline_delimited',"
                + " columns = " + MANIFEST_COLUMNS + ") WHERE status IN ('LOADED', 'PARTIAL')"
                + " QUALIFY row_number() OVER (PARTITION BY path ORDER BY fileId DESC) = 1 ORDER BY fileId")) {
            ps.setString(1, lake.resolve("_manifest").resolve("*.jsonl").toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FileOutcome(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getLong(9),
                            rs.getLong(10),
                            rs.getString(11),
                            rs.getString(12)));
                }
            }
        }
        return out;
    }

    private static List<Path> parquet(Path dir, Set<Path> skip) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".parquet") && !skip.contains(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The data files a Spark ingest that stopped left half done, until the next ingest finishes or
     * undoes it: those of a run without a manifest ({@code _staging/RUN} and files named {@code
     * RUN-*}), and those a committed run listed as replaced ({@code _manifest/RUN.replaces}: the files
     * it wrote again without a changed file's older rows).
     */
    private static Set<Path> unreadable(Path lake) {
        Set<Path> out = new HashSet<>();
        Set<String> committed = new HashSet<>();
        try (Stream<Path> manifest = Files.list(lake.resolve("_manifest"))) {
            for (Path m : manifest.toList()) {
                String name = m.getFileName().toString();
                if (name.endsWith(".jsonl") && !name.startsWith(".")) {
                    committed.add(name.substring(0, name.length() - ".jsonl".length()));
                } else if (name.endsWith(".replaces") && !name.startsWith(".")) {
                    String run = name.substring(0, name.length() - ".replaces".length());
                    if (Files.exists(lake.resolve("_manifest").resolve(run + ".jsonl"))) {
                        for (String r : Files.readAllLines(m)) {
                            if (!r.isBlank()) {
                                out.add(lake.resolve(r));
                            }
                        }
                    }
                }
            }
            Path staging = lake.resolve("_staging");
            Set<String> stopped = new HashSet<>();
            if (Files.isDirectory(staging)) {
                try (Stream<Path> runs = Files.list(staging)) {
                    runs.map(r -> r.getFileName().toString())
                            .filter(r -> !committed.contains(r))
                            .forEach(stopped::add);
                }
            }
            if (!stopped.isEmpty()) {
                try (Stream<Path> files = Files.walk(lake)) {
                    files.filter(f -> stopped.stream()
                                    .anyMatch(r -> f.getFileName().toString().startsWith(r + "-")))
                            .forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The fields some record of the lake has a value for: the workspace gets columns for those only. */
    private Set<FlowField> fieldsWithValues(Path lake, List<Path> files) throws SQLException {
        Set<FlowField> out = EnumSet.noneOf(FlowField.class);
        if (files.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        FlowField[] fields = FlowField.values();
        for (int k = 0; k < fields.length; k++) {
            sql.append(k == 0 ? "" : ", ")
                    .append("count(")
                    .append(WorkspaceSchema.quote(fields[k].column()))
                    .append(") > 0");
        }
        try (PreparedStatement ps =
                connection.prepareStatement(sql.append(" FROM read_parquet(?)").toString())) {
            ps.setString(
                    1, lake.resolve("flows").resolve("**").resolve("*.parquet").toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int k = 0; k < fields.length; k++) {
                    if (rs.getBoolean(k + 1)) {
                        out.add(fields[k]);
                    }
                }
            }
        }
        return out;
    }

    /** The catalog rows, records and bad lines of the new files, in one transaction. */
    private void write(List<FileOutcome> fresh, List<Path> flows, List<Path> bad) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE OR REPLACE TEMPORARY TABLE lake_ids (lake_id INTEGER, file_id INTEGER)");
            }
            List<Integer> fileIds = new ArrayList<>();
            for (FileOutcome e : fresh) {
                int fileId = FileCatalog.nextFileId(connection);
                fileIds.add(fileId);
                FileCatalog.insertFileRow(
                        connection,
                        fileId,
                        e.sha256(),
                        e.path(),
                        e.size(),
                        e.modified(),
                        null,
                        e.kind(),
                        e.container(),
                        e.formats(),
                        S3ObjectKey.parse(e.path()),
                        e.records(),
                        e.badLines(),
                        e.status(),
                        e.error(),
                        RecordSelection.ALL);
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO lake_ids VALUES (?, ?)")) {
                    ps.setInt(1, e.fileId());
                    ps.setInt(2, fileId);
                    ps.executeUpdate();
                }
            }
            List<String> columns = new ArrayList<>(List.of("file_id", "line", "log_stream"));
            Set<String> have = Set.copyOf(WorkspaceSchema.recordColumns(connection));
            StringBuilder select = new StringBuilder("SELECT m.file_id, l.line, l.log_stream");
            for (FlowField f : FlowField.values()) {
                if (have.contains(WorkspaceSchema.presenceColumn(f))) {
                    columns.add(f.column());
                    select.append(", l.").append(WorkspaceSchema.quote(f.column()));
                }
            }
            for (Path p : flows) {
                List<String> all = new ArrayList<>(columns);
                StringBuilder from = new StringBuilder(select);
                for (String x : extraColumns(p)) {
                    all.add(x);
                    from.append(", l.").append(WorkspaceSchema.quote(x));
                }
                run(
                        WorkspaceSchema.insertAsFlows(
                                all, from + " FROM read_parquet(?) l JOIN lake_ids m ON m.lake_id = l.file_id"),
                        p);
            }
            for (Path p : bad) {
                run(
                        "INSERT INTO bad_lines SELECT m.file_id, b.path, b.line, b.field, b.reason, b.text"
                                + " FROM read_parquet(?) b JOIN lake_ids m ON m.lake_id = b.file_id",
                        p);
            }
            for (int fileId : fileIds) {
                // the catalog rows went in before their records: their sums join the overview's rollup now
                FlowRollup.addFile(connection, fileId);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The unknown header fields ({@code x_*} text columns) a lake Parquet file has. */
    private List<String> extraColumns(Path file) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name FROM parquet_schema(?) WHERE starts_with(name, 'x_') ORDER BY name")) {
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).matches("x_[a-z0-9_]+")) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private void run(String sql, Path file) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, file.toString());
            ps.executeUpdate();
        }
    }
}
