package dev.flowlens.store.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.demo.DemoVpc;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.Reports;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import dev.flowlens.store.query.QueryResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every built-in report on the demo VPC (seed 42), with the rows the demo's story implies. */
class TestReports {
    @TempDir
    static Path dir;

    static Workspace ws;
    static ReportRunner runner;

    @BeforeAll
    static void load() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(DemoVpc.FORMAT.headerLine());
        new DemoVpc(42).files().values().forEach(lines::addAll);
        Path file = dir.resolve("demo.log");
        Files.write(file, lines, StandardCharsets.UTF_8);
        ws = Workspace.open(dir.resolve("demo.db"));
        new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(file));
        runner = new ReportRunner(ws.connection());
    }

    @AfterAll
    static void close() throws SQLException {
        ws.close();
    }

    static QueryResult run(String name, ReportOptions o) throws SQLException {
        return runner.run(Reports.require(name), o);
    }

    static QueryResult run(String name) throws SQLException {
        return run(name, ReportOptions.defaults());
    }

    @Test
    void everyReportRunsOnTheDemo() throws SQLException {
        ReportOptions o = new ReportOptions(null, null, "10.0.2.20", DemoVpc.APP.id(), 50, 3600, 10);
        for (Report r : Reports.ALL) {
            QueryResult res = runner.run(r, o);
            if (!r.name().equals("ipv6-traffic")) {
                assertThat(res.rows()).as(r.name()).isNotEmpty();
            }
        }
        assertThat(Reports.ALL).extracting(Report::name).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(23);
    }

    @Test
    void portScanFindsTheScanner() throws SQLException {
        QueryResult r = run("port-scans");
        assertThat(r.columns()).containsExactly("srcaddr", "ports", "hosts", "records", "rejected_share");
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0).get(0)).isEqualTo("198.51.100.200");
        assertThat((Long) r.rows().get(0).get(1)).isEqualTo(120L);
    }

    @Test
    void sshFromTheOfficeIsExposedAndTheBlockedAttackerIsNot() throws SQLException {
        QueryResult r = run("internet-exposed-ports");
        assertThat(r.rows())
                .extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(2))
                .contains("198.51.100.10 10.0.0.5 22")
                .noneMatch(s -> s.startsWith("203.0.113.77"));
    }

    @Test
    void crossAzTrafficIsWebToApp() throws SQLException {
        QueryResult r = run("cross-az-traffic");
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.get(0)).isNotEqualTo(row.get(1)));
        assertThat(r.rows()).extracting(row -> (String) row.get(3)).contains(DemoVpc.APP.address());
    }

    @Test
    void rejectedOverTimeHasTwoHourlyBuckets() throws SQLException {
        QueryResult r = run("rejected-over-time");
        assertThat(r.rows())
                .extracting(row -> row.get(0))
                .containsExactly(
                        java.time.Instant.ofEpochSecond(DemoVpc.START).toString(),
                        java.time.Instant.ofEpochSecond(DemoVpc.START + 3600).toString());
    }

    @Test
    void trafficFromSourceNeedsAnAddress() {
        assertThatThrownBy(() -> run("traffic-from-source"))
                .isInstanceOf(FlowlensException.class)
                .hasMessageContaining("--address");
    }

    @Test
    void natReportExplainsTheMissingInterfaceType() {
        assertThatThrownBy(() -> run("nat-gateway-top-talkers"))
                .satisfies(e -> assertThat(((FlowlensException) e).code()).isEqualTo(ErrorCode.MISSING_FIELDS))
                .hasMessageContaining("needs the field interface-type")
                .hasMessageContaining("${interface-type}")
                .hasMessageContaining("--eni");
    }

    @Test
    void unknownReportSuggestsTheNearest() {
        assertThatThrownBy(() -> Reports.require("top-talker")).hasMessageContaining("did you mean 'top-talkers'?");
    }
}
