package dev.flowlens.store.ingest;

import static dev.flowlens.store.ingest.IngestTesting.ingestWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.store.Workspace;
import dev.flowlens.store.check.WorkspaceCheck;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same content more than once in one run (copies under other names, symbolic links, hard links,
 * the same path given twice) loads once, whatever the number of workers and the grouping of
 * commits; the workspace check passes after every run and a rerun adds nothing.
 */
class TestIngestDuplicates {
    static final int FILES = 20;
    static final int RECORDS = 500;

    @TempDir
    Path tmp;

    /** Writes {@code FILES} distinct gzip flow log files into {@code dir}; returns them. */
    static List<Path> writeFiles(Path dir, int files, int records) throws Exception {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            StringBuilder b = new StringBuilder(
                    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n");
            for (int k = 0; k < records; k++) {
                b.append("2 123456789012 eni-0a1b2c3d4e5f6")
                        .append(String.format("%04d", i))
                        .append(" 10.0.")
                        .append(i)
                        .append('.')
                        .append(k % 250)
                        .append(" 172.31.0.9 ")
                        .append(30000 + k)
                        .append(" 443 6 10 ")
                        .append(840 + k)
                        .append(" 1714521600 1714521660 ACCEPT OK\n");
            }
            Path f = dir.resolve(String.format("f%02d.log.gz", i));
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
                o.write(b.toString().getBytes(StandardCharsets.US_ASCII));
            }
            out.add(f);
        }
        return out;
    }

    static void assertConsistent(Path db) throws Exception {
        try (Workspace ws = Workspace.open(db)) {
            assertThat(new WorkspaceCheck(ws.connection()).problems())
                    .as("workspace check")
                    .isEmpty();
        }
    }

    @Test
    void copiesInOneRunLoadOnceWithEveryWorkerCountAndGrouping() throws Exception {
        List<Path> originals = writeFiles(tmp.resolve("logs"), FILES, RECORDS);
        for (Path f : originals) {
            Files.copy(f, f.resolveSibling("copy-of-" + f.getFileName()));
        }
        for (int threads : new int[] {1, 2, 4}) {
            for (long group : new long[] {0, 2 * RECORDS, IngestOptions.DEFAULT_GROUP_RECORDS}) {
                Path db = tmp.resolve("ws-" + threads + "-" + group + ".db");
                IngestSummary s = ingestWith(
                        db, new IngestOptions(null, false, threads, 64, group), List.of(tmp.resolve("logs")));
                assertThat(s.filesLoaded())
                        .as("threads %d group %d", threads, group)
                        .isEqualTo(FILES);
                assertThat(s.filesSkipped()).isEqualTo(FILES);
                assertThat(s.filesFailed()).isZero();
                assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows"))
                        .isEqualTo((long) FILES * RECORDS);
                assertConsistent(db);
                IngestSummary again = ingestWith(
                        db, new IngestOptions(null, false, threads, 64, group), List.of(tmp.resolve("logs")));
                assertThat(again.filesLoaded()).isZero();
                assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows"))
                        .isEqualTo((long) FILES * RECORDS);
            }
        }
    }

    @Test
    void symbolicLinksHardLinksAndRepeatedPathsLoadOnce() throws Exception {
        List<Path> originals = writeFiles(tmp.resolve("logs"), 6, RECORDS);
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("sym.log.gz"), originals.get(0));
        Files.createLink(links.resolve("hard.log.gz"), originals.get(1));
        Files.createSymbolicLink(links.resolve("folder"), tmp.resolve("logs"));
        Path db = tmp.resolve("ws.db");
        List<Path> paths = List.of(
                tmp.resolve("logs"), links, originals.get(2), originals.get(2), tmp.resolve("logs/../logs/f03.log.gz"));
        IngestSummary s = ingestWith(db, new IngestOptions(null, false, 2, 64, 2 * RECORDS), paths);
        assertThat(s.filesLoaded()).isEqualTo(6);
        assertThat(s.filesFailed()).isZero();
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo(6L * RECORDS);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM files")).isEqualTo(6L);
        assertConsistent(db);
    }
}
