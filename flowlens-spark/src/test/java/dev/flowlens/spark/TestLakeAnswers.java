package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.cases.EngineCases;
import dev.flowlens.core.demo.DemoFiles;
import dev.flowlens.core.demo.DemoVpc;
import dev.flowlens.core.diagnosis.ConversationColumns;
import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisDocument;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.Verdict;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.testing.TestFolders;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.diagnosis.ConversationStore;
import dev.flowlens.store.diagnosis.DiagnosisService;
import dev.flowlens.store.export.LakeExport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo VPC's logs in a DuckDB workspace and in a lake: diagnose and SQL give the same answers. */
class TestLakeAnswers {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:30:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path tmp;

    private static Path db;
    private static String lake;
    private static int files;
    private static Path logs;
    private static SparkSession spark;

    @BeforeAll
    static void load() throws Exception {
        spark = LocalSpark.session();
        logs = tmp.resolve("demo-flowlogs");
        files = DemoFiles.write(new DemoVpc(42), logs).files();
        db = tmp.resolve("demo.db");
        Engines.duckDbIngest(db, List.of(logs));
        lake = tmp.resolve("lake").toString();
        new LakeIngest(spark, lake, null, CLOCK).ingest(List.of(logs.toString()));
    }

    @Test
    void theLakeHoldsTheWorkspacesRecordsInOneFilePerHour() throws Exception {
        assertThat(Engines.lakeRecords(spark, lake)).containsExactlyElementsOf(Engines.duckDbRecords(db));
        List<Path> parquet;
        try (Stream<Path> all = Files.walk(Path.of(lake, "flows"))) {
            parquet =
                    all.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
        assertThat(files).isGreaterThan(20);
        // two hours of 5-minute objects: one compacted file per account, region, date and hour
        assertThat(parquet)
                .hasSize(2)
                .allSatisfy(
                        p -> assertThat(Path.of(lake).relativize(p).toString())
                                .matches(
                                        "flows/aws_account_id=123456789012/aws_region=us-east-1/date=2026-11-20/hour=1[01]/[^/]+\\.parquet"));
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "10.0.2.20, 10.0.3.30, 6379",
                "10.0.2.20, 10.0.3.30, 5433",
                "-, 10.0.0.5, 22",
                "203.0.113.50, 10.0.1.11, 8443",
                "10.0.3.30, 203.0.113.80, 443",
                "10.0.1.10, 10.0.2.20, 8080",
                "10.0.0.0/16, 10.0.3.30, -",
                "192.0.2.1, 198.51.100.7, 80",
            })
    void diagnoseGivesTheWorkspacesDocument(String src, String dst, Integer port) throws Exception {
        DiagnosisRequest request =
                new DiagnosisRequest(src == null ? null : Cidr.parse(src), Cidr.parse(dst), port, null, null, null);
        Diagnosis expected;
        try (Workspace ws = Workspace.openReadOnly(db)) {
            expected = new DiagnosisService(ws.connection(), NetworkConfig.EMPTY, CLOCK).diagnose(request);
        }
        Lake l = Lake.open(spark, lake);
        Diagnosis actual = new LakeDiagnosis(l.flows(), l.paths()).diagnose(request, NetworkConfig.EMPTY, CLOCK);
        assertThat(DiagnosisDocument.of(actual)).isEqualTo(DiagnosisDocument.of(expected));
    }

    @Test
    void theDemosVerdictsAreTheReadmes() {
        Lake l = Lake.open(spark, lake);
        LakeDiagnosis d = new LakeDiagnosis(l.flows(), l.paths());
        assertThat(verdict(d, "10.0.2.20", "10.0.3.30", 6379)).isEqualTo(Verdict.NO_RESPONSE);
        assertThat(verdict(d, "10.0.2.20", "10.0.3.30", 5433)).isEqualTo(Verdict.RESET);
    }

    private static Verdict verdict(LakeDiagnosis d, String src, String dst, int port) {
        DiagnosisRequest r = new DiagnosisRequest(Cidr.parse(src), Cidr.parse(dst), port, null, null, null);
        return d.diagnose(r, NetworkConfig.EMPTY, CLOCK).verdict();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "-, -, 20",
                "10.0.3.30, -, 20",
                "-, 22, 5",
                "203.0.113.0/24, -, 1000",
            })
    void conversationsGroupTheWorkspacesRecords(String ip, Integer port, int limit) throws Exception {
        FlowFilter filter = new FlowFilter(
                List.of(),
                null,
                null,
                ip == null ? null : Cidr.parse(ip),
                null,
                null,
                port,
                null,
                null,
                null,
                null,
                null);
        List<ConversationRanking.Entry> expected;
        try (Workspace ws = Workspace.openReadOnly(db)) {
            expected = new ConversationStore(ws.connection()).top(filter, limit);
        }
        List<ConversationRanking.Entry> actual =
                new LakeConversations(Lake.open(spark, lake).flows()).top(filter, limit);
        // the rows printed are the cases' (conversations/*.args); these are the records under each row
        assertThat(actual).isNotEmpty();
        assertThat(actual.stream().map(ConversationRanking.Entry::records).toList())
                .isEqualTo(expected.stream()
                        .map(ConversationRanking.Entry::records)
                        .toList());
    }

    @ParameterizedTest
    @CsvSource({"0, 20", "1, 20", "3, 5", "7, 1", "15, 3", "3, 1000"})
    void keysSharingAHashGiveTheSameConversations(long hashMask, int limit) {
        Dataset<Row> flows = Lake.open(spark, lake).flows();
        List<ConversationRanking.Entry> expected = new LakeConversations(flows).top(FlowFilter.ANY, limit);
        // few hash bits: many keys share each hash, the cut is made on inflated totals (and re-made when wrong)
        List<ConversationRanking.Entry> actual = new LakeConversations(flows, hashMask).top(FlowFilter.ANY, limit);
        assertThat(expected).hasSize(Math.min(limit, expected.size())).isNotEmpty();
        assertThat(ConversationColumns.rows(actual)).isEqualTo(ConversationColumns.rows(expected));
        assertThat(actual.stream().map(ConversationRanking.Entry::records).toList())
                .isEqualTo(expected.stream()
                        .map(ConversationRanking.Entry::records)
                        .toList());
    }

    @Test
    void aLakeExportedFromTheWorkspaceGivesSparkTheSameRecordsAndVerdicts() throws Exception {
        Path exported = tmp.resolve("exported");
        try (Workspace ws = Workspace.openReadOnly(db)) {
            LakeExport.export(ws.connection(), exported, null, null);
        }
        assertThat(Engines.lakeRecords(spark, exported.toString()))
                .containsExactlyElementsOf(Engines.duckDbRecords(db));
        assertThat(TestFolders.parquetFolders(exported)).isEqualTo(TestFolders.parquetFolders(Path.of(lake)));
        DiagnosisRequest request =
                new DiagnosisRequest(Cidr.parse("10.0.1.10"), Cidr.parse("10.0.2.20"), 8080, null, null, null);
        Lake fromExport = Lake.open(spark, exported.toString());
        Lake fromIngest = Lake.open(spark, lake);
        assertThat(DiagnosisDocument.of(new LakeDiagnosis(fromExport.flows(), fromExport.paths())
                        .diagnose(request, NetworkConfig.EMPTY, CLOCK)))
                .isEqualTo(DiagnosisDocument.of(new LakeDiagnosis(fromIngest.flows(), fromIngest.paths())
                        .diagnose(request, NetworkConfig.EMPTY, CLOCK)));
    }

    @Test
    void theSparkLakeIngestedIntoAWorkspaceGivesTheSameRecordsOnce() throws Exception {
        Path copy = tmp.resolve("from-lake.db");
        var first = Engines.duckDbIngest(copy, List.of(Path.of(lake)));
        var again = Engines.duckDbIngest(copy, List.of(Path.of(lake)));
        assertThat(Engines.duckDbRecords(copy)).containsExactlyElementsOf(Engines.duckDbRecords(db));
        assertThat(first.filesLoaded()).isEqualTo(files);
        assertThat(again.filesLoaded()).isZero();
        assertThat(again.filesSkipped()).isEqualTo(files);
    }

    @Test
    void theCommandLinePrintsTheVerdictAsJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FlowlensSpark.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(
                        "diagnose",
                        "--lake",
                        lake,
                        "--master",
                        "local[2]",
                        "--src",
                        "10.0.2.20",
                        "--dst",
                        "10.0.3.30",
                        "--port",
                        "6379",
                        "--output",
                        "json");
        assertThat(code).as(err.toString()).isZero();
        Map<?, ?> doc = new com.fasterxml.jackson.databind.ObjectMapper().readValue(out.toString(), Map.class);
        assertThat(doc.get("verdict")).isEqualTo("NO_RESPONSE");
    }

    @Test
    void theDemoWritesTheLogsLoadsThemOnceAndAnswersTheQuestion() {
        String demoLake = tmp.resolve("demo-lake").toString();
        String[] args = {
            "demo", "--dir", tmp.resolve("demo-logs").toString(), "--lake", demoLake, "--master", "local[2]"
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FlowlensSpark.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(args);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Wrote " + files + " files (7,594 records)")
                .contains("Loaded " + files + " file(s) (0 already there): 7,594 records, 0 bad lines")
                .contains("on port 6379? NO_RESPONSE")
                .contains("10.0.1.11:48888  10.0.2.20:8080");
        // the same records (under other file paths) as the lake every test here reads
        assertThat(Engines.lakeRecords(spark, demoLake)).hasSize(7594).hasSameSizeAs(Engines.lakeRecords(spark, lake));
        StringWriter again = new StringWriter();
        assertThat(FlowlensSpark.commandLine(new PrintWriter(again), new PrintWriter(err))
                        .execute(args))
                .isZero();
        assertThat(again.toString()).contains("Loaded 0 file(s) (" + files + " already there)");
    }

    static List<String> cases() throws java.io.IOException {
        return EngineCases.names();
    }

    /**
     * The engine-neutral cases of flowlens-core (the DuckDB engine runs them in flowlens-cli's
     * TestEngineCases): every Insights query, report, conversations filter, diagnosis and SQL query
     * prints its JSON rows.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void givesTheCasesRows(String name) throws Exception {
        List<String> args = EngineCases.command(name);
        args.addAll(List.of("--lake", lake, "--master", "local[2]", "--output", "json"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FlowlensSpark.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(EngineCases.withLogsFolder(out.toString(), logs)))
                .isEqualTo(json.readTree(EngineCases.expected(name).toFile()));
    }

    @Test
    void usageErrorsExitWithTwoAndAMissingLakeWithOne() {
        StringWriter err = new StringWriter();
        int code = FlowlensSpark.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err))
                .execute("diagnose", "--lake", lake, "--master", "local[2]", "--dst", "10.0.3.30", "--port", "70000");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("Invalid value for option '--port': cannot read port '70000': use a number 0-65535");
        StringWriter err2 = new StringWriter();
        int missing = FlowlensSpark.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err2))
                .execute("sql", "--lake", tmp.resolve("no-lake").toString(), "--master", "local[2]", "SELECT 1");
        assertThat(missing).isEqualTo(1);
        assertThat(err2.toString()).contains("no lake at");
    }
}
