package dev.flowlens.store.ingest;

import static dev.flowlens.store.ingest.IngestTesting.ingest;
import static dev.flowlens.store.ingest.IngestTesting.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, bounded fuzzing of the whole ingest: random bytes, mutated flow log text and mutated gzip
 * never crash an ingest, and in every text file each line that is not blank, a comment or a header
 * ends as exactly one record or one located bad line (checked by line number, not only counted).
 */
class TestIngestFuzz {
    private static final long SEED = Long.getLong("flowlens.seed", 7L);
    private static final int FILES = Integer.getInteger("flowlens.fuzzFiles", 60);

    @TempDir
    Path tmp;

    private static final String[] SEEDS = {
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
                + "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n"
                + "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA\n"
                + "2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8::1 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK\n",
        "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status\n"
                + "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 1566848875 1566848933 ACCEPT 2 OK\n"
                + "# a comment\n\n"
                + "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43638  10.0.0.62 52.213.180.42 6 967 14 1566933133 1566933193 ACCEPT 19 OK\n",
        "2018-09-22T20:28:14.000Z 2 633112549318 eni-d68830d4 10.0.0.1 10.0.0.2 443 49152 6 10 840 1439387263 1439387264 ACCEPT OK\n"
                + "2 123456789010 eni-102010ab 198.51.100.1 192.0.2.1 443 49152 6 10 840 1512564058000 1512564059000 ACCEPT OK\n",
        "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr\n"
                + "- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5\n"
                + "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
                + "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK\n",
    };

    @Test
    void mutatedInputsNeverCrashAndEveryLineIsAccountedFor() throws Exception {
        Random r = new Random(SEED);
        Path db = tmp.resolve("ws.db");
        List<Path> textFiles = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            byte[] content;
            boolean gzip = false;
            switch (r.nextInt(5)) {
                case 0 -> content = randomBytes(r);
                case 1, 2 -> content = mutate(seedText(r), r);
                case 3 -> {
                    content = mutate(gzip(seedText(r)), r);
                    gzip = true;
                }
                default -> {
                    // a valid gzip cut short
                    byte[] z = gzip(seedText(r));
                    content = java.util.Arrays.copyOf(z, 1 + r.nextInt(z.length - 1));
                    gzip = true;
                }
            }
            // the file name never says what the file is: kinds are recognised by their bytes
            Path f = tmp.resolve(String.format("f%03d.dat", i));
            Files.write(f, content);
            all.add(f);
            if (!gzip && !(content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b)) {
                textFiles.add(f);
            }
        }
        // never throws: every file is loaded, loaded in part, skipped as duplicate content, or failed with a reason
        IngestSummary s = ingest(db, null, all);
        assertThat(s.filesLoaded() + s.filesSkipped() + s.filesFailed()).isEqualTo(FILES);
        assertThat(s.failures()).allSatisfy(f -> assertThat(f.error()).isNotBlank());

        int checked = 0;
        for (Path f : textFiles) {
            String path = f.toAbsolutePath().normalize().toString();
            List<Map<String, Object>> file =
                    query(db, "SELECT file_id, container, records, bad_lines FROM files WHERE path = ?", path);
            if (file.isEmpty()) {
                continue; // same bytes as another file: skipped by content
            }
            if (!"TEXT".equals(file.get(0).get("container"))) {
                continue; // a mutation that starts with '{' or '[' is read as JSON, which has its own locations
            }
            Object id = file.get(0).get("file_id");
            List<Long> recordLines = longs(query(db, "SELECT line FROM flows WHERE file_id = ?", id));
            List<Long> badLines = longs(query(db, "SELECT line FROM bad_lines WHERE file_id = ?", id));
            Set<Long> expected = candidateLines(Files.readAllBytes(f));
            List<Long> accounted = new ArrayList<>(recordLines);
            accounted.addAll(badLines);
            assertThat(accounted)
                    .as("seed %d file %s", SEED, f)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(file.get(0))
                    .containsEntry("records", (long) recordLines.size())
                    .containsEntry("bad_lines", (long) badLines.size());
            checked++;
        }
        assertThat(checked).isGreaterThan(FILES / 4);
        // every bad line is located: file, line, reason
        assertThat(query(db, "SELECT path, line, reason FROM bad_lines")).allSatisfy(b -> {
            assertThat((String) b.get("path")).isNotBlank();
            assertThat((Long) b.get("line")).isPositive();
            assertThat((String) b.get("reason")).isNotBlank();
        });
    }

    /** The slow reference: lines that are not blank, not comments and not header lines. */
    static Set<Long> candidateLines(byte[] content) {
        Set<Long> out = new HashSet<>();
        long number = 0;
        int start = 0;
        boolean first = true;
        for (int i = 0; i <= content.length; i++) {
            if (i < content.length && content[i] != '\n') {
                continue;
            }
            number++;
            String line = new String(content, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            String t = line.replaceAll("^[ \\t]+|[ \\t\\r\\n]+$", "");
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            boolean wasFirst = first;
            first = false;
            String firstToken = t.split("[ \\t]", 2)[0];
            boolean maybeHeader = Character.isLetter(t.charAt(0)) && t.charAt(0) < 128 || t.charAt(0) == '$';
            if (maybeHeader
                    && (wasFirst || FlowField.byName(firstToken).isPresent())
                    && FlowFormat.fromHeaderLine(t) != null) {
                continue;
            }
            out.add(number);
        }
        if (content.length > 0 && content[content.length - 1] == '\n') {
            out.remove(number); // the empty tail after the last newline is not a line
        }
        return out;
    }

    private static List<Long> longs(List<Map<String, Object>> rows) {
        List<Long> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add((Long) r.values().iterator().next());
        }
        return out;
    }

    private static byte[] seedText(Random r) {
        StringBuilder b = new StringBuilder();
        int parts = 1 + r.nextInt(4);
        for (int i = 0; i < parts; i++) {
            b.append(SEEDS[r.nextInt(SEEDS.length)]);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(2000)];
        r.nextBytes(b);
        if (r.nextBoolean()) {
            // mostly printable with spaces and newlines, closer to text
            for (int i = 0; i < b.length; i++) {
                int k = r.nextInt(40);
                b[i] = (byte) (k == 0 ? '\n' : k < 8 ? ' ' : 33 + r.nextInt(94));
            }
        }
        return b;
    }

    private static final String PUNCTUATION = " -\t\n\r0:.#{x$";

    /** Flips, inserts, deletes and duplicates bytes and spans. */
    private static byte[] mutate(byte[] in, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(12);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] = (byte) PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()));
                case 2 -> b = splice(b, at, Math.min(b.length, at + r.nextInt(20)), new byte[0]);
                case 3 ->
                    b = splice(
                            b,
                            at,
                            at,
                            java.util.Arrays.copyOfRange(b, r.nextInt(b.length), b.length)); // duplicate a tail
                case 4 -> b = splice(b, at, at, ("" + r.nextLong()).getBytes(StandardCharsets.US_ASCII));
                default -> b = java.util.Arrays.copyOf(b, at); // truncate
            }
        }
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(in);
        }
        return out.toByteArray();
    }
}
