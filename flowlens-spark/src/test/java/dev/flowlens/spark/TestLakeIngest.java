package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLakeIngest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private final SparkSession spark = LocalSpark.session();

    @TempDir
    Path tmp;

    private static final Path CONFORMANCE = Path.of("testdata/conformance").toAbsolutePath();

    @Test
    void conformanceSamplesGiveTheWorkspacesRecordsAndBadLines() throws Exception {
        String lake = tmp.resolve("lake").toString();
        LakeIngest.Summary s = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(CONFORMANCE.toString()));
        Path db = tmp.resolve("ws.db");
        IngestSummary d = Engines.duckDbIngest(db, List.of(CONFORMANCE));

        assertThat(s.filesFailed()).isZero();
        assertThat(s.records()).isEqualTo(d.records()).isPositive();
        assertThat(s.badLines()).isEqualTo(d.badLines()).isPositive();
        assertThat(Engines.lakeRecords(spark, lake)).containsExactlyElementsOf(Engines.duckDbRecords(db));

        List<String> duckBad = new ArrayList<>();
        try (Workspace ws = Workspace.openReadOnly(db);
                Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT path, line, reason FROM bad_lines")) {
            while (rs.next()) {
                duckBad.add(rs.getString(1) + ":" + rs.getLong(2) + " " + rs.getString(3));
            }
        }
        Lake.open(spark, lake);
        List<String> lakeBad = new ArrayList<>();
        for (Row r : spark.sql("SELECT path, line, reason FROM bad_lines").collectAsList()) {
            lakeBad.add(r.getString(0) + ":" + r.getLong(1) + " " + r.getString(2));
        }
        assertThat(lakeBad).containsExactlyInAnyOrderElementsOf(duckBad);
    }

    @Test
    void aRerunLoadsNothingAgainAndANewFileOnly() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Path aws = CONFORMANCE.resolve("aws-docs");
        try (Stream<Path> files = Files.list(aws)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList()) {
                if (!f.getFileName().toString().contains("tgw")) {
                    Files.copy(f, in.resolve(f.getFileName()));
                }
            }
        }
        String lake = tmp.resolve("lake").toString();
        LakeIngest.Summary first = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(in.toString()));
        LakeIngest.Summary again = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(in.toString()));
        assertThat(first.filesLoaded()).isPositive();
        assertThat(again.filesLoaded()).isZero();
        assertThat(again.filesSkipped()).isEqualTo(first.filesLoaded());
        long records = Lake.open(spark, lake).flows().count();
        assertThat(records).isEqualTo(first.records());

        Files.copy(aws.resolve("flow-log-example-tgw.log"), in.resolve("flow-log-example-tgw.log"));
        LakeIngest.Summary third = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(in.toString()));
        assertThat(third.filesLoaded()).isEqualTo(1);
        assertThat(third.filesSkipped()).isEqualTo(first.filesLoaded());
        assertThat(Lake.open(spark, lake).flows().count()).isEqualTo(records + third.records());

        // a file that changed is loaded again, and only its new rows are read, by Spark and by a workspace
        Path changed = in.resolve("flow-log-example-tgw.log");
        List<String> lines = Files.readAllLines(changed);
        Files.write(changed, lines.subList(0, 2));
        Files.setLastModifiedTime(changed, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        LakeIngest.Summary fourth = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(in.toString()));
        assertThat(fourth.filesLoaded()).isEqualTo(1);
        assertThat(fourth.records()).isEqualTo(1).isLessThan(third.records());
        assertThat(Lake.open(spark, lake).flows().count()).isEqualTo(records + 1);
        Path db = tmp.resolve("from-lake.db");
        assertThat(Engines.duckDbIngest(db, List.of(Path.of(lake))).records()).isEqualTo(records + 1);
        assertThat(Engines.lakeRecords(spark, lake)).containsExactlyElementsOf(Engines.duckDbRecords(db));
    }

    @Test
    void aRelativeLakePathLaysOutTheLakeAsAnAbsoluteOne() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path lakeDir = Files.createTempDirectory(cwd.resolve("flowlens-spark/target"), "relative-lake-");
        String relative = cwd.relativize(lakeDir).toString();
        LakeIngest.Summary s = new LakeIngest(spark, relative, null, CLOCK)
                .ingest(List.of(CONFORMANCE
                        .resolve("aws-docs/flow-log-example-accepted-rejected.log")
                        .toString()));
        assertThat(s.records()).isPositive();
        try (Stream<Path> top = Files.list(lakeDir)) {
            assertThat(top.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("_manifest", "_staging", "flows");
        }
        try (Stream<Path> parts = Files.list(lakeDir.resolve("flows"))) {
            assertThat(parts.map(p -> p.getFileName().toString()).toList())
                    .allSatisfy(n -> assertThat(n).startsWith("aws_account_id="));
        }
        assertThat(Lake.open(spark, relative).flows().count()).isEqualTo(s.records());
    }

    @Test
    void filesOfARunThatStoppedBeforeItsManifestAreRemovedAndItsInputsReadAgain() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(CONFORMANCE.resolve("aws-docs/flow-log-example-accepted-rejected.log"), in.resolve("a.log"));
        String lake = tmp.resolve("lake").toString();
        LakeIngest.Summary first = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(in.toString()));
        // a run that died after moving its files into place, before writing its manifest: its staging
        // folder is still there, its data file too, and its manifest is not
        Path manifest;
        try (Stream<Path> m = Files.list(tmp.resolve("lake/_manifest"))) {
            manifest =
                    m.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        String run = manifest.getFileName().toString().replace(".jsonl", "");
        Files.delete(manifest);
        Files.createDirectories(tmp.resolve("lake/_staging/" + run));

        LakeIngest.Summary rerun = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(in.toString()));
        assertThat(rerun.filesLoaded()).isEqualTo(1);
        assertThat(Lake.open(spark, lake).flows().count())
                .isEqualTo(first.records())
                .isEqualTo(rerun.records());
        try (Stream<Path> all = Files.walk(tmp.resolve("lake/flows"))) {
            assertThat(all.filter(p -> p.getFileName().toString().startsWith(run)))
                    .isEmpty();
        }
    }
}
