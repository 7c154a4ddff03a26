package dev.flowlens.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowlens.cli.CliRun;
import dev.flowlens.cli.CliWorkspace;
import dev.flowlens.cli.FlowlensCli;
import dev.flowlens.core.testing.ChildJvm;
import dev.flowlens.options.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Output of any size in bounded memory: a million rows through the printer in a JVM whose heap
 * (32 MB) could not hold them (about 400 bytes each as Java objects), for every format; and
 * {@code flowlens sql} printing a million rows from DuckDB in such a JVM, so rows go from the
 * result set to the printer one at a time.
 */
class TestOutputStreaming {
    private static final long ROWS = 1_000_000;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(
            value = OutputFormat.class,
            names = {"TABLE", "CSV", "JSON", "JSONL"})
    void aMillionRowsPrintInA32MegabyteHeap(OutputFormat format) throws Exception {
        Child c = runChild("32m", StreamingChild.class, List.of(format.name(), Long.toString(ROWS)), null);
        assertThat(c.exit).as(c.output).isZero();
        assertThat(c.output).contains("rows " + ROWS + " bytes ");
        long bytes = Long.parseLong(
                c.output.substring(c.output.indexOf(" bytes ") + 7).trim());
        assertThat(bytes).as("more printed than the heap could hold").isGreaterThan(64L << 20);
    }

    @Test
    void sqlStreamsAMillionRowsFromTheDatabaseInA48MegabyteHeap() throws Exception {
        Path db = CliRun.workspaceOf(tmp, CliWorkspace.HTTPS_ACCEPTED);
        Path out = tmp.resolve("out.csv");
        Child c = runChild(
                "48m",
                FlowlensCli.class,
                List.of(
                        "sql",
                        "--db",
                        db.toString(),
                        "-o",
                        "csv",
                        "--max-rows",
                        "2000000",
                        "SELECT i, 'flow record number ' || i || ' from a long result' AS text, i * 7 AS bytes FROM range("
                                + ROWS + ") t(i)"),
                out);
        assertThat(c.exit).as(c.output).isZero();
        long lines;
        try (var s = Files.lines(out, StandardCharsets.UTF_8)) {
            lines = s.count();
        }
        assertThat(lines).isEqualTo(ROWS + 1);
        assertThat(Files.size(out)).isGreaterThan(48L << 20);
    }

    @Test
    void searchAboveTheWindowPrintsTheColumnsOfTheFormatsFound() throws Exception {
        Path v2 = tmp.resolve("v2.log");
        Files.write(v2, List.of(CliRun.V2_HEADER, CliWorkspace.HTTPS_ACCEPTED));
        Path custom = tmp.resolve("custom.log");
        Files.write(
                custom,
                List.of(
                        "version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status vpc-id tcp-flags",
                        "5 eni-2 10.0.0.3 10.0.0.4 40001 22 6 2 100 1700000010 1700000060 REJECT OK vpc-0abc 2"));
        Path db = tmp.resolve("search.db");
        CliRun.Result ingest = CliRun.run("ingest", "--db", db.toString(), v2.toString(), custom.toString());
        assertThat(ingest.code()).as(ingest.err()).isZero();
        for (String format : List.of("csv", "json", "jsonl")) {
            for (String pattern : List.of("", "REJECT", "eni-1")) {
                String small = search(db, format, Printer.TABLE_WINDOW, pattern);
                String large = search(db, format, 50_000, pattern);
                assertThat(large).as(format + " " + pattern).isEqualTo(small);
            }
        }
        assertThat(search(db, "csv", 50_000, "REJECT")).startsWith("version,interface-id,srcaddr,");
        assertThat(search(db, "csv", 50_000, ""))
                .startsWith("version,account-id,interface-id,srcaddr,")
                .contains("vpc-id")
                .contains("tcp-flags");
    }

    private static String search(Path db, String format, int limit, String pattern) {
        CliRun.Result r =
                CliRun.run("search", "--db", db.toString(), "-o", format, "--limit", Integer.toString(limit), pattern);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void aTableHoldsOnlyItsFirstWindowAndSizesColumnsFromIt() {
        StringWriter text = new StringWriter();
        Printer.AlignedRows rows =
                (Printer.AlignedRows) new Printer(new PrintWriter(text), false, 10).rows(OutputFormat.TABLE);
        rows.start(List.of("n", "name"));
        for (int i = 0; i < 25; i++) {
            rows.row(Arrays.asList((long) i, i == 20 ? "a-much-longer-value-after-the-window" : "v" + i));
        }
        rows.finish();
        assertThat(rows.maxHeld()).isEqualTo(10);
        String[] lines = text.toString().split("\\R");
        assertThat(lines).hasSize(26);
        assertThat(lines[0]).isEqualTo("n  name");
        assertThat(lines[1]).isEqualTo("0  v0");
        assertThat(lines[21]).isEqualTo("20  a-much-longer-value-after-the-window");
        assertThat(lines[25]).isEqualTo("24  v24");
    }

    @Test
    void smallTablesAlignAsBefore() {
        StringWriter text = new StringWriter();
        new Printer(new PrintWriter(text))
                .print(
                        new Table(
                                List.of("addr", "n"),
                                List.of(
                                        Arrays.asList("10.0.0.1", 7L),
                                        Arrays.asList("10.0.0.200", null),
                                        Arrays.asList("x", 12345L))),
                        OutputFormat.TABLE);
        assertThat(text.toString().split("\\R"))
                .containsExactly("addr            n", "10.0.0.1        7", "10.0.0.200      -", "x           12345");
    }

    @Test
    void streamedJsonIsWhatJacksonWritesForTheWholeList() throws Exception {
        ObjectMapper whole = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<List<Object>> rows = List.of(Arrays.asList("a\u001b[31m", 1L, null), Arrays.asList("b\"c", 2.5, true));
        List<Map<String, Object>> maps = new ArrayList<>();
        for (List<Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("s", r.get(0));
            m.put("n", r.get(1));
            m.put("x", r.get(2));
            maps.add(m);
        }
        for (int k = 0; k <= rows.size(); k++) {
            StringWriter text = new StringWriter();
            new Printer(new PrintWriter(text))
                    .print(new Table(List.of("s", "n", "x"), rows.subList(0, k)), OutputFormat.JSON);
            assertThat(text.toString())
                    .isEqualTo(whole.writeValueAsString(maps.subList(0, k)) + System.lineSeparator());
        }
        StringWriter lines = new StringWriter();
        new Printer(new PrintWriter(lines)).print(new Table(List.of("s", "n", "x"), rows), OutputFormat.JSONL);
        assertThat(lines.toString()).startsWith("{\"s\":\"a\\u001B[31m\",\"n\":1,\"x\":null}");
    }

    private record Child(int exit, String output) {}

    /** {@code main} in a child JVM of {@code heap}, its temporary folder the test's; its output to {@code stdout} (null: discarded). */
    private Child runChild(String heap, Class<?> main, List<String> args, Path stdout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = ChildJvm.of(tmp, List.of("-XX:+UseSerialGC", "-Xmx" + heap), main, args);
        Path errFile = Files.createTempFile(tmp, "child", ".err");
        pb.redirectError(errFile.toFile());
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(errFile);
        Files.delete(errFile);
        return new Child(p.exitValue(), err);
    }
}
