package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.sources.input.InputFile;
import dev.flowlens.sources.input.MemoryInputFile;
import dev.flowlens.store.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loader's catalog rules over in-memory inputs, read as local files (hashed first) and as remote
 * objects (hashed while read): a rerun reads nothing, a new version (other bytes, other tag)
 * replaces the old rows in one transaction, the same bytes under another location load once, a
 * damaged gzip keeps what was read and a bad line is located; the workspace check passes after each.
 */
class TestMemoryInputs {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";

    @TempDir
    Path tmp;

    private static byte[] text(int from, int to) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = from; i < to; i++) {
            b.append("2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0.")
                    .append(i % 250)
                    .append(" 172.31.0.9 ")
                    .append(30000 + i)
                    .append(" 443 6 10 840 1714521600 1714521660 ACCEPT OK\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static IngestSummary load(Path db, List<InputFile> inputs) throws Exception {
        try (Workspace ws = Workspace.open(db)) {
            return new Ingestor(ws, new IngestOptions(null, false, 2, 64, 150), IngestListener.NONE)
                    .ingestInputs(inputs);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theCatalogRulesHoldForInputsInMemory(boolean remote) throws Exception {
        Path db = tmp.resolve("ws.db");
        List<MemoryInputFile> inputs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inputs.add(new MemoryInputFile("mem://b/f" + i + ".log", text(i * 100, i * 100 + 100), 1000, "v1", remote));
        }
        byte[] bad = (HEADER
                        + "2 123456789012 eni-0a 10.0.0.1 not-an-address 1 2 6 1 1 1714521600 1714521660 ACCEPT OK\n")
                .getBytes(StandardCharsets.US_ASCII);
        inputs.add(new MemoryInputFile("mem://b/bad.log", bad, 1000, "v1", remote));
        byte[] gz = TestIngestFuzz.gzip(text(900, 1000));
        inputs.add(new MemoryInputFile(
                "mem://b/cut.log.gz", java.util.Arrays.copyOf(gz, gz.length * 2 / 3), 1000, "v1", remote));
        IngestSummary first = load(db, new ArrayList<>(inputs));
        assertThat(first.filesLoaded()).isEqualTo(7);
        assertThat(first.badLines()).isEqualTo(IngestTesting.count(db, "SELECT count(*) FROM bad_lines"));
        assertThat(first.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(FileResult.Status.PARTIAL));
        long partial = first.failures().get(0).records();
        assertThat(first.records()).isEqualTo(600 + partial);
        assertThat(IngestTesting.query(db, "SELECT path, line, field FROM bad_lines WHERE path = 'mem://b/bad.log'"))
                .singleElement()
                .satisfies(b ->
                        assertThat(b).containsEntry("path", "mem://b/bad.log").containsEntry("line", 2L));
        TestIngestDuplicates.assertConsistent(db);

        int opens = inputs.stream().mapToInt(MemoryInputFile::opens).sum();
        IngestSummary again = load(db, new ArrayList<>(inputs));
        assertThat(again.filesSkipped()).isEqualTo(8);
        assertThat(inputs.stream().mapToInt(MemoryInputFile::opens).sum())
                .as("same location, length, time and tag: not read")
                .isEqualTo(opens);

        MemoryInputFile newVersion = new MemoryInputFile("mem://b/f2.log", text(200, 350), 2000, "v2", remote);
        MemoryInputFile copy = new MemoryInputFile("mem://other/f4-copy.log", text(400, 500), 3000, "v9", remote);
        IngestSummary third = load(db, List.of(newVersion, copy));
        assertThat(third.filesLoaded()).isEqualTo(1);
        assertThat(third.filesSkipped())
                .as("the copy's content is loaded already")
                .isEqualTo(1);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo(650 + partial);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM files")).isEqualTo(8);
        TestIngestDuplicates.assertConsistent(db);
    }
}
