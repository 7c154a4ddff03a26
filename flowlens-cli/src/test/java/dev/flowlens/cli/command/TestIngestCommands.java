package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.cli.CliRun.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of ingest, info, streams, bad-lines and demo: output, JSON keys and exit codes. */
class TestIngestCommands {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private Path writeGzip(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(p))) {
            os.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void ingestJsonSummaryHasTheDocumentedKeysAndIsIdempotent() throws IOException {
        String db = dir.resolve("w.db").toString();
        Path logs = dir.resolve("logs");
        write(
                "logs/a.log",
                HEADER,
                "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK",
                "this is not a record");
        writeGzip(
                "logs/sub/b.log.gz",
                HEADER,
                "2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - NODATA");

        // a summary has no csv or jsonl form: a usage error, before anything is loaded
        Result csv = run("ingest", "--db", db, "--output", "csv", logs.toString());
        assertThat(csv.code()).isEqualTo(2);
        assertThat(csv.err()).contains("--output csv is not offered here: use table or json");

        Result first = run("ingest", "--db", db, "--output", "json", logs.toString());
        assertThat(first.code()).isEqualTo(0);
        JsonNode j = first.json();
        assertThat(j.get("files_loaded").asInt()).isEqualTo(2);
        assertThat(j.get("files_skipped").asInt()).isZero();
        assertThat(j.get("files_failed").asInt()).isZero();
        assertThat(j.get("records").asLong()).isEqualTo(3);
        assertThat(j.get("bad_lines").asLong()).isEqualTo(1);
        assertThat(j.has("seconds")).isTrue();

        Result second = run("ingest", "--db", db, "--output", "json", logs.toString());
        assertThat(second.json().get("files_skipped").asInt()).isEqualTo(2);
        assertThat(second.json().get("records").asLong()).isZero();

        Result info = run("info", "--db", db, "--output", "json");
        assertThat(info.code()).isZero();
        JsonNode i = info.json();
        assertThat(i.get("files").asLong()).isEqualTo(2);
        assertThat(i.get("records").asLong()).isEqualTo(3);
        assertThat(i.get("bad_lines").asLong()).isEqualTo(1);
        assertThat(i.get("first").asText()).isEqualTo("2014-12-14T04:06:50Z");
        assertThat(i.get("last").asText()).isEqualTo("2015-05-10T18:02:14Z");

        Result bad = run("bad-lines", "--db", db, "--output", "json");
        JsonNode rows = bad.json();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("file").asText()).endsWith("a.log");
        assertThat(rows.get(0).get("line").asLong()).isEqualTo(4);
        assertThat(rows.get(0).get("reason").asText()).contains("expected 14 fields, found 5");

        Result streams = run("streams", "--db", db);
        assertThat(streams.out()).contains("eni-1235b8ca123456789").contains("eni-11111111aaaaaaaaa");
        assertThat(streams.out()
                        .lines()
                        .filter(l -> l.startsWith("eni-1235b8ca123456789"))
                        .findFirst()
                        .orElseThrow())
                .contains("2014-12-14T04:06:50Z")
                .contains("2014-12-14T04:07:50Z");
    }

    @Test
    void missingPathIsAClearFailure() {
        Result r = run(
                "ingest",
                "--db",
                dir.resolve("w.db").toString(),
                dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("cannot read")
                .contains("nope")
                .contains("no such file or folder")
                .contains("PATH_NOT_FOUND");
    }

    @Test
    void strictStopsAtTheFirstBadLineWithExitOne() throws IOException {
        Path f = write(
                "s.log",
                HEADER,
                "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 100 200 ACCEPT OK",
                "2 1 eni-1 10.0.0.1 10.0.0.2 x 2 6 1 1 100 200 ACCEPT OK");
        Result r = run("ingest", "--db", dir.resolve("w.db").toString(), "--strict", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--strict").contains("s.log:3").contains("srcport");
    }

    @Test
    void badFormatIsAUsageError() throws IOException {
        Path f = write("f.log", "2 1 eni-1");
        Result r = run("ingest", "--db", dir.resolve("w.db").toString(), "--format", "version srcadr", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown field 'srcadr'").contains("did you mean 'srcaddr'");
    }

    @Test
    void corruptGzipIsReportedByNameAndOthersStillLoad() throws IOException {
        Path good = writeGzip("logs/good.log.gz", HEADER, "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 100 200 ACCEPT OK");
        StringBuilder many = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 5000; i++) {
            many.append("2 1 eni-2 10.0.0.1 10.0.0.2 ").append(i).append(" 2 6 1 1 100 200 ACCEPT OK\n");
        }
        Path whole = writeGzip("tmp/whole.log.gz", many.toString());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("logs/cut.log.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Result r = run(
                "ingest",
                "--db",
                dir.resolve("w.db").toString(),
                "--output",
                "json",
                dir.resolve("logs").toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("files_loaded").asInt()).isEqualTo(1);
        assertThat(j.get("files_failed").asInt()).isEqualTo(1);
        JsonNode failure = j.get("failures").get(0);
        assertThat(failure.get("path").asText()).endsWith("cut.log.gz");
        assertThat(failure.get("status").asText()).isEqualTo("PARTIAL");
        assertThat(failure.get("error").asText()).contains("truncated gzip");
        assertThat(failure.get("records").asLong()).isBetween(1L, 4999L);
        assertThat(j.get("records").asLong())
                .isEqualTo(1 + failure.get("records").asLong());
        assertThat(good).exists();
    }

    @Test
    void demoGeneratesLoadsAndSaysWhatToTry() throws IOException {
        String db = dir.resolve("demo.db").toString();
        Result r = run("demo", "--db", db, "--dir", dir.resolve("demo").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Wrote 25 files").contains("Try next").contains("--db " + db);
        Result info = run("info", "--db", db, "--output", "json");
        JsonNode i = info.json();
        assertThat(i.get("files").asLong()).isEqualTo(25);
        assertThat(i.get("records").asLong()).isGreaterThan(5000);
        assertThat(i.get("bad_lines").asLong()).isZero();
        assertThat(i.get("first").asText()).startsWith("2026-11-20T10:0");
        Result again = run("demo", "--db", db, "--dir", dir.resolve("demo").toString());
        assertThat(again.out()).contains("Loaded 0 file(s) (25 already there)");
    }

    @Test
    void jsonRowsWithFieldNamesLoadWithFloatsAndNulls() throws Exception {
        Path f = write(
                "rows.json",
                "{\"version\":2,\"account_id\":\"111111111111\",\"interface_id\":\"eni-03ef80ddb18bc0997\",\"srcaddr\":\"64.62.197.99\","
                        + "\"dstaddr\":\"172.31.17.39\",\"srcport\":58938.0,\"dstport\":20547,\"protocol\":6,\"packets\":1,\"bytes\":40,"
                        + "\"start\":1661950735,\"end\":1661950746,\"action\":\"REJECT\",\"log_status\":\"OK\"}",
                "{\"version\":2,\"interface_id\":\"eni-03ef80ddb18bc0997\",\"srcaddr\":null,\"srcport\":null,\"start\":1661950735,"
                        + "\"end\":1661950746,\"action\":null,\"log_status\":\"NODATA\"}",
                "{\"unrelated\":1}");
        Path db = dir.resolve("w.db");
        Result r = run("ingest", "--db", db.toString(), "--output", "json", f.toString());
        assertThat(r.json().get("records").asLong()).isEqualTo(2);
        assertThat(r.json().get("bad_lines").asLong()).isEqualTo(1);
        try (var ws = dev.flowlens.store.Workspace.openReadOnly(db);
                var rs = ws.connection()
                        .createStatement()
                        .executeQuery("SELECT srcport, action, log_status, line FROM flows ORDER BY line")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(58938);
            assertThat(rs.getString(2)).isEqualTo("REJECT");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isNull();
            assertThat(rs.getObject(2)).isNull();
            assertThat(rs.getString(3)).isEqualTo("NODATA");
            assertThat(rs.getLong(4)).isEqualTo(2);
        }
    }

    @Test
    void badLinesAreCountedByFileAndReasonAndTheCutNoteCountsTheChosenFilesOnly() throws IOException {
        String db = dir.resolve("w.db").toString();
        String good =
                "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";
        write("logs/many.log", HEADER, good, "short line", "another one", good, "third short", "not record");
        write(
                "logs/few.log",
                HEADER,
                "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 x 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "short");
        assertThat(run("ingest", "--db", db, dir.resolve("logs").toString()).code())
                .isZero();

        Result byReason = run("bad-lines", "--db", db, "--by-reason", "-o", "json");
        assertThat(byReason.code()).as(byReason.err()).isZero();
        JsonNode rows = byReason.json();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("file").asText()).endsWith("many.log");
        assertThat(rows.get(0).get("lines").asLong()).isEqualTo(4);
        assertThat(rows.get(0).get("first_line").asLong()).isEqualTo(3);
        assertThat(rows.get(0).get("reason").asText()).isEqualTo("expected 14 fields, found 2");
        long total = 0;
        for (JsonNode r : rows) {
            total += r.get("lines").asLong();
        }
        assertThat(total).isEqualTo(6);

        Result cut = run("bad-lines", "--db", db, "--limit", "1", "few.log");
        assertThat(cut.out()).contains("(1 of 2 shown; use --limit)");
        Result reasonsOfOne = run("bad-lines", "--db", db, "--by-reason", "--limit", "1", "few.log");
        assertThat(reasonsOfOne.out()).contains("(1 of 2 shown; use --limit)");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"ingest", "info", "streams", "bad-lines", "demo"}) {
            Result r = run(c, "--help");
            assertThat(r.code()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Usage: flowlens " + c);
        }
    }
}
