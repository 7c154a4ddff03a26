package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void manySlicesWithFewOpenFilesGiveTheWorkspacesRecords() throws Exception {
        // a slice per file and one open file per task: the records of a task's second partition
        // on make Spark sort them first, as a task holding more partitions than it keeps open would
        String lake = tmp.resolve("lake").toString();
        LakeIngest.Summary s =
                new LakeIngest(spark, lake, null, CLOCK).tuning(1, 1).ingest(List.of(CONFORMANCE.toString()));
        Path db = tmp.resolve("ws.db");
        IngestSummary d = Engines.duckDbIngest(db, List.of(CONFORMANCE));

        assertThat(s.records()).isEqualTo(d.records()).isPositive();
        assertThat(Engines.lakeRecords(spark, lake)).containsExactlyElementsOf(Engines.duckDbRecords(db));
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
        // the lake's own files hold the new version only: a plain Parquet reader (Athena, Trino) sees one
        assertThat(spark.read().parquet(lake + "/flows").count()).isEqualTo(records + 1);
        assertThat(spark.read()
                        .parquet(lake + "/flows")
                        .select("file_id")
                        .distinct()
                        .count())
                .isEqualTo(Lake.open(spark, lake)
                        .flows()
                        .select("file_id")
                        .distinct()
                        .count());
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

    /** The data columns of a lake's {@code flows} files as a plain Parquet reader sees them: name and type. */
    private List<String> plainColumns(String lake) {
        List<String> out = new ArrayList<>();
        for (org.apache.spark.sql.types.StructField f : spark.read()
                .option("mergeSchema", "true")
                .parquet(lake + "/flows")
                .schema()
                .fields()) {
            if (!LakeLayout.PARTITION_COLUMNS.contains(f.name())) {
                out.add(f.name() + " " + f.dataType().simpleString());
            }
        }
        return out;
    }

    @Test
    void unknownHeaderFieldsAreKeptAsTheExportKeepsThemAndComeBackIntoAWorkspace() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(
                in.resolve("custom.log"),
                "version account-id interface-id srcaddr dstaddr vendor-tag action log-status\n"
                        + "2 123456789012 eni-1 10.0.0.1 10.0.0.2 blue ACCEPT OK\n"
                        + "2 123456789012 eni-1 10.0.0.2 10.0.0.1 - ACCEPT OK\n");
        Files.copy(CONFORMANCE.resolve("aws-docs/flow-log-example-accepted-rejected.log"), in.resolve("plain.log"));
        String sparkLake = tmp.resolve("spark-lake").toString();
        new LakeIngest(spark, sparkLake, null, CLOCK).ingest(List.of(in.toString()));
        Path db = tmp.resolve("ws.db");
        Engines.duckDbIngest(db, List.of(in));
        Path exported = tmp.resolve("exported-lake");
        try (Workspace ws = Workspace.openReadOnly(db)) {
            dev.flowlens.store.export.LakeExport.export(ws.connection(), exported, null, null);
        }

        // the same columns, named and typed as the export names and types them
        assertThat(plainColumns(sparkLake))
                .contains("x_vendor_tag string")
                .containsExactlyElementsOf(plainColumns(exported.toString()));
        String values = "SELECT interface_id, srcaddr, x_vendor_tag FROM parquet.`%s/flows` ORDER BY 1, 2";
        List<String> fromSpark = spark.sql(values.formatted(sparkLake)).collectAsList().stream()
                .map(Row::toString)
                .toList();
        assertThat(fromSpark)
                .contains("[eni-1,10.0.0.1,blue]", "[eni-1,10.0.0.2,null]")
                .containsExactlyElementsOf(spark.sql(values.formatted(exported)).collectAsList().stream()
                        .map(Row::toString)
                        .toList());
        assertThat(Engines.lakeRecords(spark, sparkLake)).containsExactlyElementsOf(Engines.duckDbRecords(db));
        // `flowlens spark sql` sees the column in the flows view of either lake, as `flowlens sql` does
        for (String l : List.of(sparkLake, exported.toString())) {
            Lake.open(spark, l);
            assertThat(
                            spark
                                    .sql("SELECT interface_id, srcaddr, x_vendor_tag FROM flows ORDER BY 1, 2")
                                    .collectAsList()
                                    .stream()
                                    .map(Row::toString)
                                    .toList())
                    .containsExactlyElementsOf(fromSpark);
        }

        // `flowlens ingest LAKE` restores the field from the Spark lake
        Path copy = tmp.resolve("copy.db");
        Engines.duckDbIngest(copy, List.of(Path.of(sparkLake)));
        List<String> tags = new ArrayList<>();
        try (Workspace ws = Workspace.openReadOnly(copy);
                Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT srcaddr || ' ' || coalesce(x_vendor_tag, '-') FROM flows WHERE interface_id = 'eni-1' ORDER BY 1")) {
            while (rs.next()) {
                tags.add(rs.getString(1));
            }
        }
        assertThat(tags).containsExactly("10.0.0.1 blue", "10.0.0.2 -");
    }

    @ParameterizedTest
    @ValueSource(strings = {"listed", "committed"})
    void aRunReloadingAChangedFileKilledWhileCommittingLeavesAReadableLakeAndARerunFinishesIt(String killedAt)
            throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Path sample = CONFORMANCE.resolve("aws-docs/flow-log-example-accepted-rejected.log");
        // two files of one hour: both land in the same Parquet file
        Files.copy(sample, in.resolve("a.log"));
        List<String> lines = Files.readAllLines(sample);
        Files.write(in.resolve("b.log"), lines.subList(0, lines.size() - 1));
        String lake = tmp.resolve("lake").toString();
        long each = lines.size() - 1;
        long both = new LakeIngest(spark, lake, null, CLOCK)
                .ingest(List.of(in.toString()))
                .records();
        assertThat(both).isEqualTo(2 * each - 1);
        Path changed = in.resolve("a.log");
        Files.write(changed, List.of(lines.get(0), lines.get(2))); // not b.log's content: a workspace keeps both
        Files.setLastModifiedTime(changed, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));

        LakeIngest killed = new LakeIngest(spark, lake, null, CLOCK).onStep(step -> {
            if (step.equals(killedAt)) {
                throw new IllegalStateException("killed at " + step);
            }
        });
        assertThatThrownBy(() -> killed.ingest(List.of(in.toString()))).hasMessage("killed at " + killedAt);
        // readable: before the switch, the old version; after it, the new one
        long expected = killedAt.equals("listed") ? both : each;
        assertThat(Lake.open(spark, lake).flows().count()).isEqualTo(expected);
        Path db = tmp.resolve("killed.db");
        Engines.duckDbIngest(db, List.of(Path.of(lake)));
        assertThat(Engines.duckDbRecords(db)).hasSize((int) expected);

        LakeIngest.Summary rerun = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(in.toString()));
        assertThat(rerun.filesLoaded()).isEqualTo(killedAt.equals("listed") ? 1 : 0);
        assertThat(Lake.open(spark, lake).flows().count()).isEqualTo(each);
        assertThat(spark.read().parquet(lake + "/flows").count()).isEqualTo(each);
        assertThat(spark.read()
                        .parquet(lake + "/flows")
                        .select("file_id")
                        .distinct()
                        .count())
                .isEqualTo(2);
        try (Stream<Path> manifest = Files.list(tmp.resolve("lake/_manifest"))) {
            assertThat(manifest.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                    .allMatch(n -> n.endsWith(".jsonl"));
        }
    }

    @Test
    void aLakeHoldingTheSameContentUnderTwoPathsGoesIntoAWorkspaceOnce() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Path sample = CONFORMANCE.resolve("aws-docs/flow-log-example-accepted-rejected.log");
        Files.copy(sample, in.resolve("a.log"));
        Files.copy(sample, in.resolve("b.log"));
        String lake = tmp.resolve("lake").toString();
        LakeIngest.Summary s = new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(in.toString()));
        assertThat(s.filesLoaded()).isEqualTo(2);
        Path db = tmp.resolve("ws.db");
        IngestSummary d = Engines.duckDbIngest(db, List.of(Path.of(lake)));
        assertThat(d.filesLoaded()).isEqualTo(1);
        assertThat(d.filesSkipped()).isEqualTo(1);
        assertThat(Engines.duckDbRecords(db)).hasSize((int) s.records() / 2);
    }
}
