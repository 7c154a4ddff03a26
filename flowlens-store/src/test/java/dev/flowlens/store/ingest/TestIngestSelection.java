package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.sources.input.MemoryInputFile;
import dev.flowlens.store.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ingest's record selection ({@code --from/--to/--eni}) over every kind of input: local files,
 * in-memory inputs read as local files (hashed first) and as remote objects (hashed while read).
 * Text, gzip and Parquet inputs hold records of one day; after each run the workspace holds exactly
 * the records of the union of the selections run so far (by file and line), the left-out records
 * are counted apart from the bad line, a selection the catalog covers reads nothing, and the
 * workspace check passes.
 */
class TestIngestSelection {
    private static final long T0 = 1_764_547_200L; // 2025-12-01T00:00:00Z
    private static final List<String> ENIS = List.of("eni-0a", "eni-0b", "eni-0c");
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    enum Kind {
        LOCAL,
        MEMORY,
        MEMORY_REMOTE
    }

    /** One generated record: where it is, and what the selection looks at. */
    record Rec(String file, long line, Long start, Long end, String eni) {}

    @TempDir
    Path tmp;

    private final List<Rec> all = new ArrayList<>();

    private static String line(Random r, int i, Long start, Long end, String eni) {
        return "2 123456789012 " + eni + " 10.0.0." + (i % 250) + " 172.31.0.9 " + (30000 + i) + " 443 6 10 "
                + (840 + i) + " " + (start == null ? "-" : start) + " " + (end == null ? "-" : end) + " "
                + (r.nextBoolean() ? "ACCEPT" : "REJECT") + " OK";
    }

    /** A text file of records over the day (a few without an end time), its lines recorded in {@link #all}. */
    private String text(Random r, String name, int records, boolean badLine) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        long lineNo = 1;
        for (int i = 0; i < records; i++) {
            if (badLine && i == records / 2) {
                b.append("2 123456789012 eni-0a not-an-address\n");
                lineNo++;
            }
            long start = T0 + r.nextInt(86_400);
            Long end = r.nextInt(40) == 0 ? null : start + r.nextInt(600);
            String eni = ENIS.get(r.nextInt(ENIS.size()));
            b.append(line(r, i, start, end, eni)).append('\n');
            all.add(new Rec(name, ++lineNo, start, end, eni));
        }
        return b.toString();
    }

    private List<Path> writeFiles() throws Exception {
        Random r = new Random(Long.getLong("flowlens.seed", 11L));
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Path plain = dir.resolve("a.log");
        Files.writeString(plain, text(r, "a.log", 400, true));
        Path gz = dir.resolve("b.log.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text(r, "b.log.gz", 500, false).getBytes(StandardCharsets.UTF_8));
        }
        Path source = tmp.resolve("c-source.log");
        Files.writeString(source, text(r, "c.parquet", 300, false));
        Path parquet = dir.resolve("c.parquet");
        writeParquet(source, parquet);
        return List.of(plain, gz, parquet);
    }

    /** The text file as Parquet with AWS's column names; row n is the text's line n + 1 (after the header). */
    private static void writeParquet(Path text, Path parquet) throws Exception {
        StringBuilder select = new StringBuilder();
        for (String name : HEADER.split(" ")) {
            select.append(select.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(name)
                    .append("\" AS ")
                    .append('"')
                    .append(name.replace('-', '_'))
                    .append('"');
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("COPY (SELECT " + select + " FROM read_csv('" + text + "', delim = ' ', header = true, "
                    + "all_varchar = true)) TO '" + parquet + "' (FORMAT parquet)");
        }
        // Parquet rows are cited by row number (line 1 is the first row)
    }

    private static List<InputFile> memory(List<Path> files, boolean remote) throws IOException {
        List<InputFile> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new MemoryInputFile(
                    "mem://bucket/" + f.getFileName(), Files.readAllBytes(f), 1_700_000_000_000L, "etag-1", remote));
        }
        return out;
    }

    private IngestSummary run(Path db, Kind kind, List<Path> files, List<InputFile> inputs, RecordSelection s)
            throws Exception {
        IngestOptions options = new IngestOptions(null, false, 2, 64).withSelection(s);
        try (Workspace ws = Workspace.open(db)) {
            Ingestor ingestor = new Ingestor(ws, options, IngestListener.NONE);
            return kind == Kind.LOCAL ? ingestor.ingest(files) : ingestor.ingestInputs(inputs);
        }
    }

    /** What the queries' rule keeps, written out again for the test. */
    private static boolean kept(RecordSelection s, Rec rec) {
        for (RecordSelection.Term t : s.terms()) {
            boolean time = (t.from() == null || rec.end() != null && rec.end() >= t.from())
                    && (t.to() == null || rec.start() != null && rec.start() <= t.to());
            if (time && (t.enis().isEmpty() || t.enis().contains(rec.eni()))) {
                return true;
            }
        }
        return false;
    }

    private Set<String> expected(RecordSelection s) {
        Set<String> out = new TreeSet<>();
        for (Rec rec : all) {
            if (kept(s, rec)) {
                out.add(rec.file() + ":" + (rec.file().endsWith(".parquet") ? rec.line() - 1 : rec.line()));
            }
        }
        return out;
    }

    private static Set<String> loaded(Path db) throws Exception {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> row : IngestTesting.query(
                db, "SELECT files.path AS p, f.line AS l FROM flows f JOIN files USING (file_id)")) {
            String p = (String) row.get("p");
            out.add(p.substring(p.lastIndexOf('/') + 1) + ":" + row.get("l"));
        }
        return out;
    }

    private static RecordSelection window(double fromHour, double toHour, String... enis) {
        return RecordSelection.of(T0 + (long) (fromHour * 3600), T0 + (long) (toHour * 3600), List.of(enis));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void loadsExactlyTheUnionOfTheSelectionsRunSoFar(Kind kind) throws Exception {
        List<Path> files = writeFiles();
        List<InputFile> inputs = memory(files, kind == Kind.MEMORY_REMOTE);
        Path db = tmp.resolve("ws.db");
        RecordSelection w1 = window(6, 8);
        IngestSummary first = run(db, kind, files, inputs, w1);
        assertThat(loaded(db)).isEqualTo(expected(w1));
        assertThat(first.records()).isEqualTo(expected(w1).size());
        assertThat(first.recordsLeftOut()).isEqualTo(all.size() - expected(w1).size());
        assertThat(first.badLines())
                .as("the bad line is a bad line, not left out")
                .isEqualTo(1);
        assertThat(first.filesLoaded()).isEqualTo(3);
        TestIngestDuplicates.assertConsistent(db);

        int opens = kind == Kind.LOCAL ? 0 : ((MemoryInputFile) inputs.get(1)).opens();
        IngestSummary again = run(db, kind, files, inputs, w1);
        IngestSummary narrower = run(db, kind, files, inputs, window(6.5, 7, "eni-0b"));
        for (IngestSummary s : List.of(again, narrower)) {
            assertThat(s.filesSkipped()).isEqualTo(3);
            assertThat(s.records()).isZero();
        }
        if (kind != Kind.LOCAL) {
            assertThat(((MemoryInputFile) inputs.get(1)).opens())
                    .as("covered: not read again")
                    .isEqualTo(opens);
        }

        RecordSelection union = w1;
        for (RecordSelection next : List.of(
                window(5, 12),
                window(20, 21, "eni-0a"),
                window(20.5, 22),
                RecordSelection.of(null, T0 + 3600, List.of()))) {
            union = union.union(next);
            IngestSummary s = run(db, kind, files, inputs, next);
            assertThat(loaded(db)).as("after %s", union.text()).isEqualTo(expected(union));
            assertThat(s.filesLoaded()).isEqualTo(3);
            assertThat(IngestTesting.count(db, "SELECT count(*) FROM files")).isEqualTo(3);
            assertThat(IngestTesting.count(db, "SELECT count(*) FROM bad_lines"))
                    .isEqualTo(1);
            TestIngestDuplicates.assertConsistent(db);
        }
        assertThat(IngestTesting.query(db, "SELECT DISTINCT selection FROM files"))
                .containsExactly(Map.of("selection", union.text()));

        IngestSummary everything = run(db, kind, files, inputs, RecordSelection.ALL);
        assertThat(everything.recordsLeftOut()).isZero();
        assertThat(loaded(db)).hasSize(all.size());
        assertThat(run(db, kind, files, inputs, window(1, 2)).filesSkipped()).isEqualTo(3);
        TestIngestDuplicates.assertConsistent(db);
    }

    @Test
    void aFileThatGrewKeepsWhatEarlierSelectionsLoaded() throws Exception {
        Random r = new Random(5);
        Path f = tmp.resolve("growing.log");
        String first = text(r, "growing.log", 300, false);
        Files.writeString(f, first);
        Path db = tmp.resolve("ws.db");
        RecordSelection w1 = window(2, 4);
        RecordSelection w2 = window(15, 16, "eni-0c");
        run(db, Kind.LOCAL, List.of(f), List.of(), w1);
        StringBuilder more = new StringBuilder(first);
        for (String line : text(r, "growing.log", 200, false).split("\n")) {
            if (!line.startsWith("version")) {
                more.append(line).append('\n');
            }
        }
        for (int i = 300; i < all.size(); i++) {
            Rec rec = all.get(i); // after the first 300 lines and the one header
            all.set(i, new Rec(rec.file(), rec.line() + 300, rec.start(), rec.end(), rec.eni()));
        }
        Files.writeString(f, more);
        IngestSummary s = run(db, Kind.LOCAL, List.of(f), List.of(), w2);
        assertThat(s.filesLoaded()).isEqualTo(1);
        assertThat(loaded(db)).isEqualTo(expected(w1.union(w2)));
        TestIngestDuplicates.assertConsistent(db);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCopyUnderAnotherNameWidensTheLoadedContentOnce(Kind kind) throws Exception {
        List<Path> files = writeFiles();
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy);
        Path original = files.get(1);
        Path other = Files.copy(original, copy.resolve("b.log.gz"));
        Path db = tmp.resolve("ws.db");
        RecordSelection w1 = window(6, 8);
        RecordSelection w2 = window(12, 14);
        boolean remote = kind == Kind.MEMORY_REMOTE;
        run(db, kind, List.of(original), memory(List.of(original), remote), w1);
        List<InputFile> copies = new ArrayList<>();
        for (InputFile f : memory(List.of(other), remote)) {
            copies.add(new MemoryInputFile(
                    "mem://other/b.log.gz", f.open().readAllBytes(), 1_700_000_000_000L, "etag-2", remote));
        }
        IngestSummary s = run(db, kind, List.of(other), copies, w2);
        assertThat(s.filesLoaded()).isEqualTo(1);
        Set<String> want = new TreeSet<>();
        for (String e : expected(w1.union(w2))) {
            if (e.startsWith("b.log.gz:")) {
                want.add(e);
            }
        }
        assertThat(loaded(db)).isEqualTo(want);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM files")).isEqualTo(1);
        TestIngestDuplicates.assertConsistent(db);
        assertThat(run(db, kind, List.of(original), memory(List.of(original), remote), w1)
                        .filesLoaded())
                .as("the content is loaded, with w1 covered, under the copy's name")
                .isZero();
    }
}
