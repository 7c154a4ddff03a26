package dev.flowlens.store.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
