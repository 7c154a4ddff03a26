package dev.flowlens.store.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLakeExport {
    @TempDir
    Path tmp;

    private Path workspace() throws Exception {
        Path db = tmp.resolve("ws.db");
        try (Workspace ws = Workspace.open(db)) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE)
                    .ingest(List.of(
                            Path.of("testdata/conformance/aws-docs"),
                            Path.of("testdata/conformance/sekoia-automation-library")));
        }
        return db;
    }

    private static long count(Workspace ws, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = ws.connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Every record of a workspace with its file's path: path, line, log stream, every field, then the
     * unknown fields {@code extras}.
     */
    private static List<String> records(Path db, List<String> extras) throws Exception {
        StringBuilder sql = new StringBuilder("SELECT fi.path, f.line, f.log_stream");
        for (FlowField f : FlowField.values()) {
            sql.append(", f.").append(WorkspaceSchema.quote(f.column()));
        }
        for (String x : extras) {
            sql.append(", f.").append(WorkspaceSchema.quote(x));
        }
        sql.append(" FROM flows f JOIN files fi ON fi.file_id = f.file_id");
        List<String> out = new ArrayList<>();
        try (Workspace ws = Workspace.openReadOnly(db);
                PreparedStatement ps = ws.connection().prepareStatement(sql.toString());
                ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i == 1 ? "" : "|").append(rs.getObject(i));
                }
                out.add(b.toString());
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> strings(Path db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Workspace ws = Workspace.openReadOnly(db);
                PreparedStatement ps = ws.connection().prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void anExportedLakeIngestedIntoAFreshWorkspaceGivesTheSameRecordsAndFilesOnce() throws Exception {
        Path db = workspace();
        // and a file with a field no format knows: the workspace keeps it as x_vendor_tag, so does the lake
        Path custom = tmp.resolve("custom.log");
        Files.writeString(
                custom,
                "version account-id interface-id srcaddr dstaddr vendor-tag action log-status\n"
                        + "2 123456789012 eni-1 10.0.0.1 10.0.0.2 blue ACCEPT OK\n"
                        + "2 123456789012 eni-1 10.0.0.2 10.0.0.1 - ACCEPT OK\n");
        try (Workspace ws = Workspace.open(db)) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(custom));
        }
        List<String> extras = List.of("x_vendor_tag");
        Path lake = tmp.resolve("lake");
        try (Workspace ws = Workspace.openReadOnly(db)) {
            LakeExport.export(ws.connection(), lake, null, null);
        }
        Path copy = tmp.resolve("copy.db");
        IngestSummary first;
        IngestSummary again;
        try (Workspace ws = Workspace.open(copy)) {
            first = new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(lake));
            again = new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(lake));
        }
        assertThat(records(copy, extras)).isNotEmpty().containsExactlyElementsOf(records(db, extras));
        assertThat(records(db, extras)).anyMatch(r -> r.endsWith("|blue"));
        String files = "SELECT path || ' ' || size || ' ' || mtime || ' ' || sha256 || ' ' || records || ' ' || status"
                + " FROM files ORDER BY path";
        List<String> expectedFiles = new ArrayList<>();
        List<String> copiedFiles = new ArrayList<>();
        for (Path p : List.of(db, copy)) {
            try (Workspace ws = Workspace.openReadOnly(p);
                    PreparedStatement ps = ws.connection().prepareStatement(files);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (p == db ? expectedFiles : copiedFiles).add(rs.getString(1));
                }
            }
        }
        assertThat(copiedFiles).isEqualTo(expectedFiles);
        // the bad lines too: in the lake as Spark's ingest writes them, and back in the workspace
        String bad =
                "SELECT path || ':' || line || ' ' || field || ' ' || reason || ' ' || text FROM bad_lines ORDER BY 1";
        List<String> badLines = strings(db, bad);
        assertThat(badLines).isNotEmpty();
        assertThat(strings(copy, bad)).isEqualTo(badLines);
        try (Workspace ws = Workspace.openReadOnly(copy)) {
            assertThat(count(
                            ws,
                            "SELECT count(*) FROM parquet_schema(?) WHERE name IN ('file_id', 'path', 'line', 'field', 'reason', 'text')",
                            lake.resolve("bad_lines/export_0.parquet").toString()))
                    .isEqualTo(6);
            assertThat(count(
                            ws,
                            "SELECT count(*) FROM read_parquet(?)",
                            lake.resolve("bad_lines/export_0.parquet").toString()))
                    .isEqualTo(badLines.size());
        }
        assertThat(first.filesLoaded()).isEqualTo(expectedFiles.size());
        assertThat(first.records()).isEqualTo(records(db, extras).size());
        // idempotent: the second run finds every file of the lake already there
        assertThat(again.filesLoaded()).isZero();
        assertThat(again.filesSkipped()).isEqualTo(expectedFiles.size());
    }

    @Test
    void writesEveryRecordPartitionedByAccountRegionDateAndHour() throws Exception {
        Path db = workspace();
        Path lake = tmp.resolve("lake");
        try (Workspace ws = Workspace.openReadOnly(db)) {
            LakeExport.Result r = LakeExport.export(ws.connection(), lake, null, null);
            long records = count(ws, "SELECT count(*) FROM flows");
            assertThat(r.records()).isEqualTo(records).isPositive();
            List<Path> files;
            try (Stream<Path> all = Files.walk(lake.resolve("flows"))) {
                files = all.filter(p -> p.toString().endsWith(".parquet")).toList();
            }
            assertThat(files)
                    .hasSize((int) r.files())
                    .allSatisfy(
                            p -> assertThat(lake.relativize(p).toString())
                                    .matches(
                                            "flows/aws_account_id=[^/]+/aws_region=[^/]+/date=\\d{4}-\\d{2}-\\d{2}/hour=\\d{1,2}/[^/]+\\.parquet"));
            // the parquet files read back hold the same records, the partition values included
            String glob = lake.resolve("flows").toString() + "/*/*/*/*/*.parquet";
            assertThat(count(ws, "SELECT count(*) FROM read_parquet(?, hive_partitioning = true)", glob))
                    .isEqualTo(records);
            assertThat(count(
                            ws,
                            "SELECT count(*) FROM (SELECT file_id, line, srcaddr, \"end\" FROM flows EXCEPT"
                                    + " SELECT file_id, line, srcaddr, \"end\" FROM read_parquet(?, hive_partitioning = true))",
                            glob))
                    .isZero();
            // the Parquet delivered by AWS names its account and region in its key
            assertThat(count(
                            ws,
                            "SELECT count(*) FROM read_parquet(?, hive_partitioning = true) WHERE aws_region = 'eu-west-3'",
                            glob))
                    .isPositive();
            assertThat(Files.readAllLines(lake.resolve("_manifest/export.jsonl")))
                    .hasSize((int) count(ws, "SELECT count(*) FROM files"))
                    .allSatisfy(l -> assertThat(l).contains("\"fileId\"").contains("\"path\""));
        }
    }

    @Test
    void theWindowSelectsRecordsAndAnExistingLakeIsRefused() throws Exception {
        Path db = workspace();
        try (Workspace ws = Workspace.openReadOnly(db)) {
            long from = 1_500_000_000L;
            LakeExport.Result r = LakeExport.export(ws.connection(), tmp.resolve("recent"), from, null);
            assertThat(r.records())
                    .isEqualTo(count(ws, "SELECT count(*) FROM flows WHERE \"end\" >= ?", from))
                    .isLessThan(count(ws, "SELECT count(*) FROM flows"));
            assertThatThrownBy(() -> LakeExport.export(ws.connection(), tmp.resolve("recent"), null, null))
                    .isInstanceOf(FlowlensException.class)
                    .hasMessageContaining("a lake is already at");
        }
    }

    @Test
    void theAthenaTableProjectsThePartitions() {
        String ddl = LakeExport.athenaTable("flows_lake", "s3://bucket/lake");
        assertThat(ddl)
                .startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS flows_lake (")
                .contains(
                        "`srcaddr` string",
                        "`end` bigint",
                        "`dstport` int",
                        "PARTITIONED BY (`aws_account_id` string, `aws_region` string, `date` string, `hour` int)")
                .contains(
                        "LOCATION 's3://bucket/lake/flows/'",
                        "'projection.enabled' = 'true'",
                        "'storage.location.template' = 's3://bucket/lake/flows/aws_account_id=${aws_account_id}/aws_region=${aws_region}/date=${date}/hour=${hour}/'");
    }
}
