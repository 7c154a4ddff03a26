package dev.flowlens.store.ingest;

import static dev.flowlens.store.ingest.IngestTesting.CONFORMANCE;
import static dev.flowlens.store.ingest.IngestTesting.flowsOf;
import static dev.flowlens.store.ingest.IngestTesting.ingest;
import static dev.flowlens.store.ingest.IngestTesting.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of {@code testdata/conformance/} loads into a workspace to the values its
 * source documents or expects (see SOURCES.md there). Values are checked by querying the workspace.
 */
class TestConformance {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path db() {
        return tmp.resolve("ws.db");
    }

    private static Path otel(String name) {
        return CONFORMANCE.resolve("otel-collector-contrib/" + name);
    }

    /** Loads {@code files} into the test's workspace, {@code format} for those without a header, and checks no line was bad. */
    private void ingestWithoutBadLines(FlowFormat format, Path... files) throws Exception {
        assertThat(ingest(db(), format, List.of(files)).badLines()).isZero();
    }

    // ---- aws-docs ----

    @Test
    void awsDocExamplesLoadToTheirExpectedValues() throws Exception {
        JsonNode doc = JSON.readTree(
                CONFORMANCE.resolve("aws-docs/flow-logs-records-examples.json").toFile());
        Map<String, JsonNode> byRecord = new HashMap<>();
        for (JsonNode ex : doc.get("examples")) {
            byRecord.put(ex.get("record").asText().trim().replaceAll("\\s+", " "), ex);
        }
        assertThat(byRecord).hasSize(doc.get("examples").size()).hasSize(27);
        List<Path> logs;
        try (var s = Files.list(CONFORMANCE.resolve("aws-docs"))) {
            logs = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        assertThat(logs).hasSize(8);
        IngestSummary summary = ingest(db(), null, logs);
        assertThat(summary.badLines()).isZero();
        assertThat(summary.records()).isEqualTo(27);
        int checked = 0;
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<Map<String, Object>> rows = flowsOf(db(), log.getFileName().toString());
            assertThat(rows).as(log.toString()).hasSize(lines.size() - 1);
            for (Map<String, Object> row : rows) {
                int line = ((Long) row.get("line")).intValue();
                JsonNode ex = byRecord.get(lines.get(line - 1).trim().replaceAll("\\s+", " "));
                assertThat(ex)
                        .as("%s line %d is a documented example", log, line)
                        .isNotNull();
                assertRow(
                        row,
                        expectedOf(ex.get("expected")),
                        FlowFormat.fromHeaderLine(ex.get("format").asText()),
                        log + ":" + line);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(27);
    }

    // ---- otel-collector-contrib ----

    @Test
    void otelVpcMultiLogMatchesTheExpectedYaml() throws Exception {
        List<Map<String, Object>> rows =
                otelRowsAsExpected("valid_vpc_flow_log_multi.log", "valid_vpc_flow_log_expected_multi.yaml", 2);
        // the file has no trailing newline: the last record still loads
        assertThat(rows.get(1)).containsEntry("line", 3L).containsEntry("action", "REJECT");
    }

    @Test
    void otelTgwLogMatchesTheExpectedYaml() throws Exception {
        List<Map<String, Object>> rows =
                otelRowsAsExpected("valid_tgw_flow_log.log", "valid_tgw_flow_log_expected.yaml", 1);
        assertThat(rows.get(0))
                .containsEntry("packets_lost_no_route", 1L)
                .containsEntry("packets_lost_ttl_expired", 4L)
                .containsEntry("interface_id", null)
                .containsEntry("action", null);
    }

    /** Loads an otel-collector-contrib log and checks its records hold every value of the expected YAML. */
    private List<Map<String, Object>> otelRowsAsExpected(String logName, String yamlName, int records)
            throws Exception {
        Path log = otel(logName);
        ingest(db(), null, List.of(log));
        List<Map<String, Object>> expected = otelYaml(otel(yamlName));
        List<Map<String, Object>> rows = flowsOf(db(), logName);
        assertThat(expected).hasSize(records);
        assertThat(rows).hasSize(records);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)).as("record %d", i).containsAllEntriesOf(expected.get(i));
        }
        return rows;
    }

    @Test
    void otelSingleLogsLoad() throws Exception {
        Path nodata = otel("valid_vpc_flow_log.log");
        Path ecs = otel("valid_vpc_flow_log_ecs.log");
        ingestWithoutBadLines(null, nodata, ecs);
        assertThat(flowsOf(db(), "valid_vpc_flow_log.log"))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("account_id", "12345678910")
                        .containsEntry("log_status", "NODATA")
                        .containsEntry("srcaddr", null)
                        .containsEntry("packets", null)
                        .containsEntry("srcport", null)
                        .containsEntry("start", 1742570089L)
                        .containsEntry("end", 1742570142L));
        String ecsLine = Files.readAllLines(ecs).get(1);
        assertThat(flowsOf(db(), "valid_vpc_flow_log_ecs.log")).singleElement().satisfies(r -> {
            // version 5 with v7 fields: the version never selects the format (E12)
            assertThat(r)
                    .containsEntry("version", 5L)
                    .containsEntry("ecs_cluster_name", "my-cluster")
                    .containsEntry("ecs_task_id", ecsLine.substring(ecsLine.lastIndexOf(' ') + 1));
            assertThat(r.get("ecs_cluster_arn")).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/my-cluster");
        });
    }

    @Test
    void otelCloudWatchPayloadsLoadWithTheirStream() throws Exception {
        Path cw = otel("valid_vpc_flow_cw.json");
        Path envelope = CONFORMANCE.resolve("derived/cwl-lambda-envelope_from_otel_valid_vpc_flow_cw.json");
        ingestWithoutBadLines(null, cw, envelope);
        List<Map<String, Object>> expected = otelYaml(otel("valid_vpc_flow_log_expected_multi.yaml"));
        for (String name : List.of("valid_vpc_flow_cw.json", "cwl-lambda-envelope_from_otel_valid_vpc_flow_cw.json")) {
            List<Map<String, Object>> rows = flowsOf(db(), name);
            assertThat(rows).as(name).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(rows.get(i))
                        .as(name)
                        .containsAllEntriesOf(expected.get(i))
                        .containsEntry("log_stream", "eni-1235b8ca123456789");
            }
        }
    }

    @Test
    void otelCustomFormatCloudWatchPayloadLoadsWithTheFormat() throws Exception {
        Path cw = otel("valid_vpc_flow_cw_custom.json");
        ingestWithoutBadLines(FlowFormat.parseUserFormat("${version} ${interface-id} ${srcaddr} ${dstaddr}"), cw);
        List<Map<String, Object>> rows = flowsOf(db(), "valid_vpc_flow_cw_custom.json");
        assertThat(rows).extracting(r -> r.get("srcaddr")).containsExactly("172.31.16.139", "172.31.9.69");
        // the record's own interface wins over the stream name
        assertThat(rows)
                .allSatisfy(r -> assertThat(r)
                        .containsEntry("interface_id", "eni-1235b8ca123456789")
                        .containsEntry("log_stream", "eni-1234567890abcdef")
                        .containsEntry("version", 2L)
                        .containsEntry("start", null));
    }

    @Test
    void otelTgwCloudWatchPayloadLoadsWithTheTgwFormat() throws Exception {
        // the TGW log's format without the packets-lost counters, which the CW message does not carry
        String header =
                Files.readAllLines(otel("valid_tgw_flow_log.log")).get(0).replaceAll("packets-lost-[a-z-]+ ?", "");
        Path cw = otel("valid_tgw_flow_cw.json");
        ingestWithoutBadLines(FlowFormat.parseUserFormat(header), cw);
        Map<String, Object> expected = new LinkedHashMap<>(
                otelYaml(otel("valid_tgw_flow_log_expected.yaml")).get(0));
        expected.keySet().removeIf(k -> k.startsWith("packets_lost"));
        assertThat(flowsOf(db(), "valid_tgw_flow_cw.json"))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsAllEntriesOf(expected)
                        .containsEntry("log_stream", "tgw-0abc12345def67890")
                        .containsEntry("packets_lost_no_route", null));
    }

    @Test
    void tooFewAndTooManyFieldsAreLocatedBadLines() throws Exception {
        Path few = otel("vpc_flow_log_too_few_fields.log");
        Path many = otel("vpc_flow_log_too_many_fields.log");
        IngestSummary s = ingest(db(), null, List.of(few, many));
        assertThat(s.records()).isZero();
        assertThat(s.badLines()).isEqualTo(2);
        List<Map<String, Object>> bad =
                query(db(), "SELECT path, line, field, reason, text FROM bad_lines ORDER BY path");
        assertThat(bad).hasSize(2);
        assertThat(bad.get(0))
                .containsEntry("path", few.toAbsolutePath().normalize().toString())
                .containsEntry("line", 2L);
        assertThat(bad.get(0).get("path").toString()).endsWith("too_few_fields.log");
        assertThat(bad.get(0))
                .containsEntry("reason", "expected 14 fields, found 13")
                .containsEntry("text", Files.readAllLines(few).get(1));
        assertThat(bad.get(1).get("path").toString()).endsWith("too_many_fields.log");
        assertThat(bad.get(1)).containsEntry("line", 2L).containsEntry("reason", "expected 14 fields, found 15");
        assertThat(s.sampleProblems()).extracting(p -> p.line()).containsExactly(2L, 2L);
    }

    // ---- obsrvbl-flowlogs-reader ----

    @Test
    void flowlogsReaderFilesMatchExpected() throws Exception {
        Path dir = CONFORMANCE.resolve("obsrvbl-flowlogs-reader");
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile()).get("expected_by_test");
        IngestSummary s = ingest(
                db(),
                null,
                List.of(
                        dir.resolve("v2_records_cwl_messages.log"),
                        dir.resolve("v3_s3_file.log"),
                        dir.resolve("v4_s3_file.log"),
                        dir.resolve("v5_s3_file.log"),
                        dir.resolve("v6_s3_file.log"),
                        dir.resolve("flows.parquet")));
        assertThat(s.filesLoaded()).isEqualTo(6);
        List<Map<String, Object>> v2 = flowsOf(db(), "v2_records_cwl_messages.log");
        assertThat(v2).hasSize(5);
        assertRow(v2.get(0), expectedOf(expected.get("test_parse").get(0)), FlowFormat.DEFAULT_V2, "V2_RECORDS[0]");
        assertRow(v2.get(2), expectedOf(expected.get("test_to_dict").get(0)), FlowFormat.DEFAULT_V2, "V2_RECORDS[2]");
        assertThat(v2.get(4))
                .containsEntry("log_status", "SKIPDATA")
                .containsEntry("action", null)
                .containsEntry("bytes", null);
        checkFile(dir.resolve("v3_s3_file.log"), expected.get("test_serial").get(0));
        checkFile(dir.resolve("v4_s3_file.log"), expected.get("test_serial_v4").get(0));
        checkFile(dir.resolve("v5_s3_file.log"), expected.get("test_serial_v5").get(0));
        checkFile(dir.resolve("v6_s3_file.log"), expected.get("test_serial_v6").get(0));
        // the Parquet file: account_id INT64, ports as strings, "None", protocol 8080
        List<Map<String, Object>> parquet = flowsOf(db(), "flows.parquet");
        JsonNode want = expected.get("test_serial_parquet").get(0);
        assertThat(parquet).hasSize(want.size());
        for (int i = 0; i < parquet.size(); i++) {
            assertRow(parquet.get(i), expectedOf(want.get(i)), FlowFormat.DEFAULT_V2, "flows.parquet row " + i);
        }
        // 'bogus line' in the v5 file is a located bad line, the other lines still load
        assertThat(query(db(), "SELECT line, reason, text FROM bad_lines WHERE ends_with(path, 'v5_s3_file.log')"))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("line", 4L)
                        .containsEntry("text", "bogus line")
                        .containsEntry("reason", "expected 29 fields, found 2"));
        assertThat(s.badLines()).isEqualTo(1);
    }

    @Test
    void millisecondTimestampsBecomeSeconds() throws Exception {
        JsonNode inputs = JSON.readTree(CONFORMANCE
                        .resolve("obsrvbl-flowlogs-reader/expected.json")
                        .toFile())
                .get("inputs");
        Path f = tmp.resolve("ms.log");
        Files.writeString(f, inputs.get("millisecond_timestamp_record").asText() + "\n");
        ingest(db(), null, List.of(f));
        // 2017-12-06T12:40:58Z and 12:40:59Z per the library's test
        assertThat(flowsOf(db(), "ms.log"))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("start", 1512564058L)
                        .containsEntry("end", 1512564059L)
                        .containsEntry("log_status", "SKIPDATA"));
    }

    private void checkFile(Path file, JsonNode expectedRecords) throws Exception {
        List<Map<String, Object>> rows = flowsOf(db(), file.getFileName().toString());
        FlowFormat format = FlowFormat.fromHeaderLine(Files.readAllLines(file).get(0));
        assertThat(rows).as(file.toString()).hasSize(expectedRecords.size());
        for (int i = 0; i < rows.size(); i++) {
            assertRow(rows.get(i), expectedOf(expectedRecords.get(i)), format, file + " record " + i);
        }
    }

    // ---- vector-vrl ----

    @Test
    void vrlTestVectorsLoadAndSplitOnWhitespaceRuns() throws Exception {
        JsonNode doc = JSON.readTree(
                CONFORMANCE.resolve("vector-vrl/test_vectors.json").toFile());
        int group = 0;
        int total = 0;
        for (JsonNode g : doc.get("is_ok_groups")) {
            String spec = g.get("format").asText().replace("(default) ", "");
            FlowFormat format = FlowFormat.parseUserFormat(spec);
            Path f = tmp.resolve("vrl-group-" + group++ + ".log");
            List<String> lines = new ArrayList<>();
            g.get("lines").forEach(l -> lines.add(l.asText()));
            Files.write(f, lines);
            Path db = tmp.resolve("vrl-" + group + ".db");
            IngestSummary s = ingest(db, format, List.of(f));
            assertThat(s.badLines()).as(spec).isZero();
            List<Map<String, Object>> rows = flowsOf(db, f.getFileName().toString());
            assertThat(rows).hasSize(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                assertRow(rows.get(i), referenceSplit(format, lines.get(i)), format, spec + " line " + i);
                total++;
            }
        }
        assertThat(total).isEqualTo(30);
        int cases = 0;
        for (JsonNode c : doc.get("test_function_cases")) {
            FlowFormat format =
                    c.has("format") ? FlowFormat.parseUserFormat(c.get("format").asText()) : FlowFormat.DEFAULT_V2;
            Path f = tmp.resolve("vrl-case-" + cases++ + ".log");
            Files.writeString(f, c.get("value").asText() + "\n");
            Path db = tmp.resolve("vrl-case-" + cases + ".db");
            ingest(db, format, List.of(f));
            assertThat(flowsOf(db, f.getFileName().toString()))
                    .singleElement()
                    .satisfies(r -> assertRow(
                            r, expectedOf(c.get("want")), format, c.get("name").asText()));
        }
        assertThat(cases).isEqualTo(2);
    }

    @Test
    void vrlDocumentedExamplesLoadToTheirReturnValues() throws Exception {
        JsonNode doc = JSON.readTree(CONFORMANCE
                .resolve("vector-vrl/parse_aws_vpc_flow_log.docs.json")
                .toFile());
        Pattern quoted = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
        int n = 0;
        for (JsonNode ex : doc.get("examples")) {
            Matcher m = quoted.matcher(ex.get("source").asText());
            List<String> strings = new ArrayList<>();
            while (m.find()) {
                strings.add(m.group(1));
            }
            FlowFormat format = strings.size() > 1 ? FlowFormat.parseUserFormat(strings.get(1)) : FlowFormat.DEFAULT_V2;
            Path f = tmp.resolve("vrl-doc-" + n++ + ".log");
            Files.writeString(f, strings.get(0) + "\n");
            Path db = tmp.resolve("vrl-doc-" + n + ".db");
            IngestSummary s = ingest(db, format, List.of(f));
            assertThat(s.badLines()).as(ex.get("title").asText()).isZero();
            assertThat(flowsOf(db, f.getFileName().toString()))
                    .singleElement()
                    .satisfies(r -> assertRow(
                            r,
                            expectedOf(ex.get("return")),
                            format,
                            ex.get("title").asText()));
        }
        assertThat(n).isEqualTo(4);
    }

    // ---- sekoia ----

    @Test
    void sekoiaParquetFilesMatchTheirDecodedRows() throws Exception {
        Path dir = CONFORMANCE.resolve("sekoia-automation-library");
        String awsNamed = "111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet";
        IngestSummary s = ingest(db(), null, List.of(dir.resolve(awsNamed), dir.resolve("test_parquet.parquet")));
        assertThat(s.filesLoaded()).isEqualTo(2);
        assertThat(s.badLines()).isZero();
        for (String name : List.of(awsNamed, "test_parquet.parquet")) {
            JsonNode decoded =
                    JSON.readTree(dir.resolve(name + ".decoded.json").toFile()).get("rows");
            List<Map<String, Object>> rows = flowsOf(db(), name);
            assertThat(rows).as(name).hasSize(decoded.size());
            for (int i = 0; i < rows.size(); i++) {
                assertRow(rows.get(i), expectedOf(decoded.get(i)), FlowFormat.DEFAULT_V2, name + " row " + i);
                assertThat(rows.get(i)).containsEntry("line", i + 1L);
            }
        }
        // the connector's JSON output (one private-to-private row filtered out by the product) is a subset
        List<Map<String, Object>> rows = flowsOf(db(), "test_parquet.parquet");
        JsonNode result = JSON.readTree(dir.resolve("test_parquet_result.json").toFile());
        assertThat(result).hasSize(7);
        for (JsonNode line : result) {
            Map<String, Object> want = expectedOf(JSON.readTree(line.asText()));
            assertThat(rows).as(line.asText()).anySatisfy(r -> assertThat(r).containsAllEntriesOf(want));
        }
        // the file name says account, region, flow log id and time
        assertThat(query(
                        db(),
                        "SELECT account_id, region, flow_log_id, file_time, key_layout FROM files WHERE ends_with(path, ?)",
                        awsNamed))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("account_id", "111111111111")
                        .containsEntry("region", "eu-west-3")
                        .containsEntry("flow_log_id", "fl-032a163fae170ae52")
                        .containsEntry("file_time", 1661950500L)
                        .containsEntry("key_layout", "FILE_NAME_ONLY"));
    }

    @Test
    void sekoiaTextFixtureSkipsBlankAndCommentLines() throws Exception {
        Path f = CONFORMANCE.resolve("sekoia-automation-library/test_trigger_s3_flowlogs.test_data.txt");
        ingestWithoutBadLines(null, f);
        List<String> lines = Files.readAllLines(f);
        List<Map<String, Object>> rows = flowsOf(db(), f.getFileName().toString());
        assertThat(rows).extracting(r -> r.get("line")).containsExactly(4L, 5L, 6L, 7L);
        for (Map<String, Object> r : rows) {
            String line = lines.get(((Long) r.get("line")).intValue() - 1);
            assertRow(r, referenceSplit(FlowFormat.DEFAULT_V2, line), FlowFormat.DEFAULT_V2, line);
        }
    }

    // ---- derived ----

    @Test
    void syntheticEdgeCasesLoadToTheirExpectedValues() throws Exception {
        JsonNode doc = JSON.readTree(
                CONFORMANCE.resolve("derived/synthetic-edge-cases.json").toFile());
        int n = 0;
        for (JsonNode c : doc.get("cases")) {
            FlowFormat format = FlowFormat.parseUserFormat(c.get("format").asText());
            Path f = tmp.resolve(c.get("id").asText() + ".log");
            Files.writeString(f, c.get("line").asText() + "\n");
            Path db = tmp.resolve("synthetic-" + n++ + ".db");
            IngestSummary s = ingest(db, format, List.of(f));
            assertThat(s.badLines()).as(c.get("id").asText()).isZero();
            Map<String, Object> want = new LinkedHashMap<>();
            c.get("expected").properties().forEach(e -> {
                if (FlowField.byName(e.getKey()).isPresent()) { // "flags_set" is a derived view, not a field
                    want.put(FlowField.byName(e.getKey()).get().column(), value(e.getValue()));
                }
            });
            assertThat(flowsOf(db, f.getFileName().toString())).singleElement().satisfies(r -> {
                assertThat(r).containsAllEntriesOf(want);
                assertRow(
                        r,
                        referenceSplit(format, c.get("line").asText()),
                        format,
                        c.get("id").asText());
            });
        }
        assertThat(n).isEqualTo(4);
    }

    // ---- helpers ----

    /** Every field of {@code format} equals the expected value (absent = null); no other column is set. */
    static void assertRow(Map<String, Object> row, Map<String, Object> expected, FlowFormat format, String where) {
        for (FlowField f : FlowField.values()) {
            Object actual = row.get(f.column());
            if (format.contains(f)) {
                assertThat(actual).as("%s: %s", where, f.column()).isEqualTo(expected.get(f.column()));
            } else {
                assertThat(actual)
                        .as("%s: %s is not in the format", where, f.column())
                        .isNull();
            }
        }
        for (String k : expected.keySet()) {
            assertThat(format.contains(FlowField.byName(k).orElseThrow()))
                    .as("%s: expected %s is in the format", where, k)
                    .isTrue();
        }
    }

    /** A JSON object of field name (hyphen or underscore) to value, as column to Long/String/null. */
    static Map<String, Object> expectedOf(JsonNode node) {
        Map<String, Object> m = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            FlowField f =
                    FlowField.byName(e.getKey()).orElseThrow(() -> new AssertionError("unknown field " + e.getKey()));
            JsonNode v = e.getValue();
            if (v.isObject() && v.has("epoch")) {
                v = v.get("epoch");
            }
            Object value = value(v);
            if (value instanceof String s && (s.equals("-") || s.equals("None"))) {
                value = null;
            }
            if (value instanceof String s && f.isNumeric()) {
                value = Long.parseLong(s);
            }
            m.put(f.column(), value);
        });
        return m;
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        return v.asText();
    }

    /** The slow reference: split on runs of whitespace, zip with the format, '-' is null, numbers parsed. */
    static Map<String, Object> referenceSplit(FlowFormat format, String line) {
        String[] tokens = line.trim().split("\\s+");
        assertThat(tokens).as(line).hasSize(format.size());
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            FlowField f = format.get(i).field();
            m.put(
                    f.column(),
                    tokens[i].equals("-") ? null : f.isNumeric() ? (Object) Long.parseLong(tokens[i]) : tokens[i]);
        }
        return m;
    }

    /**
     * The log records of an OTel expected YAML, as workspace columns: reads {@code key:} /
     * {@code stringValue:|intValue:} pairs as text (no YAML library), resource attributes first.
     */
    static List<Map<String, Object>> otelYaml(Path yaml) throws IOException {
        Map<String, String> resource = new LinkedHashMap<>();
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> current = resource;
        String key = null;
        boolean inRecords = false;
        Pattern kv = Pattern.compile("^\\s*(?:- )?(key|stringValue|intValue|timeUnixNano): \"?([^\"]*)\"?$");
        for (String line : Files.readAllLines(yaml)) {
            if (line.trim().equals("- logRecords:")) {
                inRecords = true;
                continue;
            }
            if (inRecords && line.trim().equals("- attributes:")) {
                current = new LinkedHashMap<>();
                records.add(current);
                continue;
            }
            if (line.trim().startsWith("scope:")) {
                inRecords = false;
            }
            Matcher m = kv.matcher(line);
            if (!m.matches()) {
                continue;
            }
            switch (m.group(1)) {
                case "key" -> key = m.group(2);
                case "timeUnixNano" -> current.put("timeUnixNano", m.group(2));
                default -> {
                    if (key != null) {
                        current.put(key, m.group(2));
                        key = null;
                    }
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, String> r : records) {
            Map<String, String> all = new LinkedHashMap<>(resource);
            all.putAll(r);
            Map<String, Object> m = new LinkedHashMap<>();
            all.forEach((k, v) -> {
                String column = OTEL_KEYS.get(k);
                if (column == null) {
                    return;
                }
                m.put(
                        column,
                        switch (column) {
                            case "protocol" ->
                                (Object)
                                        switch (v) {
                                            case "tcp" -> 6L;
                                            case "udp" -> 17L;
                                            case "icmp" -> 1L;
                                            default -> throw new AssertionError("protocol " + v);
                                        };
                            case "type" -> v.equals("ipv4") ? "IPv4" : v.equals("ipv6") ? "IPv6" : v;
                            case "flow_direction" ->
                                v.equals("receive") ? "ingress" : v.equals("transmit") ? "egress" : v;
                            case "end" -> Long.parseLong(v) / 1_000_000_000L;
                            default ->
                                FlowField.byName(column).orElseThrow().isNumeric() ? (Object) Long.parseLong(v) : v;
                        });
            });
            out.add(m);
        }
        return out;
    }

    /** OTel attribute keys of the awslogs encoding extension, to workspace columns. */
    private static final Map<String, String> OTEL_KEYS = Map.ofEntries(
            Map.entry("cloud.account.id", "account_id"),
            Map.entry("cloud.region", "region"),
            Map.entry("aws.vpc.flow.log.version", "version"),
            Map.entry("network.interface.name", "interface_id"),
            Map.entry("source.address", "srcaddr"),
            Map.entry("destination.address", "dstaddr"),
            Map.entry("source.port", "srcport"),
            Map.entry("destination.port", "dstport"),
            Map.entry("network.protocol.name", "protocol"),
            Map.entry("aws.vpc.flow.packets", "packets"),
            Map.entry("aws.vpc.flow.bytes", "bytes"),
            Map.entry("aws.vpc.flow.start", "start"),
            Map.entry("timeUnixNano", "end"),
            Map.entry("aws.vpc.flow.action", "action"),
            Map.entry("aws.vpc.flow.status", "log_status"),
            Map.entry("network.type", "type"),
            Map.entry("network.tcp.flags", "tcp_flags"),
            Map.entry("network.io.direction", "flow_direction"),
            Map.entry("aws.tgw.id", "tgw_id"),
            Map.entry("aws.tgw.attachment.id", "tgw_attachment_id"),
            Map.entry("aws.tgw.source.vpc.id", "tgw_src_vpc_id"),
            Map.entry("aws.tgw.destination.vpc.id", "tgw_dst_vpc_id"),
            Map.entry("aws.tgw.source.vpc.subnet.id", "tgw_src_subnet_id"),
            Map.entry("aws.tgw.destination.vpc.subnet.id", "tgw_dst_subnet_id"),
            Map.entry("aws.tgw.source.eni.id", "tgw_src_eni"),
            Map.entry("aws.tgw.destination.eni.id", "tgw_dst_eni"),
            Map.entry("aws.tgw.source.az.id", "tgw_src_az_id"),
            Map.entry("aws.tgw.destination.az.id", "tgw_dst_az_id"),
            Map.entry("aws.tgw.attachment.pair.id", "tgw_pair_attachment_id"),
            Map.entry("aws.vpc.flow.packets_lost_no_route", "packets_lost_no_route"),
            Map.entry("aws.vpc.flow.packets_lost_blackhole", "packets_lost_blackhole"),
            Map.entry("aws.vpc.flow.packets_lost_mtu_exceeded", "packets_lost_mtu_exceeded"),
            Map.entry("aws.vpc.flow.packets_lost_ttl_expired", "packets_lost_ttl_expired"));
}
