package dev.flowlens.sources;

import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.sources.input.LocalInputFile;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one file of flow log text into a {@link RecordAssembler}: plain or gzip (by magic bytes),
 * S3 text files, CloudWatch exports, JSON lines ({@code {"message": "..."}}), CloudWatch Logs
 * subscription payloads ({@code logEvents}, and the base64 + gzip {@code awslogs.data} envelope)
 * and the output of the CloudWatch Logs API ({@code events}). Parquet files are recognised here and
 * read by the store. The file's SHA-256 is computed on the way.
 */
public final class FlowFileReader {
    private static final int CHUNK = 1 << 20;
    /**
     * The longest line read (1 MiB; a flow log record is under 1 KB and a CloudWatch Logs event at
     * most 256 KB): a longer line is a located bad line, skipped to the next newline in bounded memory.
     */
    public static final int MAX_LINE_BYTES = 1 << 20;
    /** The largest JSON document (not JSON lines, which are read a line at a time) read whole: 16 MiB once decompressed. */
    public static final int MAX_JSON_BYTES = 16 << 20;

    private final JsonRecords json = new JsonRecords();

    /** Reads {@code file}; records and problems go to {@code out}. I/O errors opening it are thrown. */
    public ReadOutcome read(Path file, RecordAssembler out) throws IOException {
        return read(new LocalInputFile(file), out, null);
    }

    /**
     * Reads {@code input} whose SHA-256 the caller already computed ({@code knownSha256}), so it is not
     * hashed a second time; null to hash it on the way. The outcome's size is the number of bytes read.
     */
    public ReadOutcome read(InputFile input, RecordAssembler out, String knownSha256) throws IOException {
        MessageDigest digest = knownSha256 == null ? sha256() : null;
        try (CountingInputStream raw = new CountingInputStream(input.open());
                InputStream hashed = digest == null ? raw : new DigestInputStream(raw, digest)) {
            byte[] head = hashed.readNBytes(4);
            List<String> streams = input.lineStreams();
            FileKind kind = streams != null && head.length > 0 ? FileKind.TEXT : FileKind.sniff(head, head.length);
            if (kind == FileKind.PARQUET || kind == FileKind.EMPTY) {
                if (digest != null) {
                    drain(hashed);
                }
                return new ReadOutcome(kind, digest == null ? knownSha256 : hex(digest), raw.count(), null, null);
            }
            InputStream body = new PrefixedInputStream(head, hashed);
            String error = null;
            String container = "TEXT";
            try {
                InputStream text = kind == FileKind.GZIP ? new GZIPInputStream(body, 1 << 16) : body;
                container = streams != null ? readEvents(text, streams, out) : readText(text, out);
            } catch (EOFException e) {
                error = "truncated gzip: the file ends before its compressed data does";
            } catch (ZipException e) {
                error = "corrupt gzip: " + e.getMessage();
            } catch (TooLarge e) {
                error = e.getMessage();
            }
            if (digest != null) {
                drain(hashed);
            }
            out.flush();
            return new ReadOutcome(kind, digest == null ? knownSha256 : hex(digest), raw.count(), container, error);
        }
    }

    /** What an input holds, from its first bytes (text when it gives {@link InputFile#lineStreams()}). */
    public static FileKind kindOf(InputFile input) throws IOException {
        try (InputStream in = input.open()) {
            byte[] head = in.readNBytes(4);
            return input.lineStreams() != null && head.length > 0 ? FileKind.TEXT : FileKind.sniff(head, head.length);
        }
    }

    /** Hashes an input's bytes as stored. */
    public static String sha256Of(InputFile input) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(input.open(), digest)) {
            drain(in);
        }
        return hex(digest);
    }

    /** Counts the bytes read through it. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    private String readText(InputStream in, RecordAssembler out) throws IOException {
        byte[] buf = new byte[CHUNK];
        IOException failure = null;
        int filled;
        try {
            filled = fill(in, buf, 0);
        } catch (PartialRead p) {
            filled = p.filled;
            failure = p.cause;
        }
        int firstContent = 0;
        while (firstContent < filled && isSpace(buf[firstContent])) {
            firstContent++;
        }
        if (failure == null && firstContent < filled && (buf[firstContent] == '{' || buf[firstContent] == '[')) {
            if (buf[firstContent] == '{' && json.firstLineIsJsonValue(buf, firstContent, filled)) {
                readLines(
                        in,
                        buf,
                        filled,
                        null,
                        out,
                        (b, from, to, lineNumber) -> json.line(b, from, to, lineNumber, out));
                return "JSON_LINES";
            }
            return json.readDocument(readWhole(in, buf, filled), out);
        }
        readLines(in, buf, filled, failure, out, (b, from, to, lineNumber) -> out.line(b, from, to, lineNumber, null));
        return "TEXT";
    }

    /** Log events a line each, line {@code n} of stream {@code streams[n - 1]} (see {@link InputFile#lineStreams()}). */
    private static String readEvents(InputStream in, List<String> streams, RecordAssembler out) throws IOException {
        byte[] buf = new byte[CHUNK];
        int filled;
        IOException failure = null;
        try {
            filled = fill(in, buf, 0);
        } catch (PartialRead p) {
            filled = p.filled;
            failure = p.cause;
        }
        readLines(
                in,
                buf,
                filled,
                failure,
                out,
                (b, from, to, lineNumber) -> out.line(
                        b,
                        from,
                        to,
                        lineNumber,
                        lineNumber <= streams.size() ? streams.get((int) lineNumber - 1) : null));
        return "CLOUDWATCH_EVENTS";
    }

    /** Receives one line: bytes {@code [from, to)} of {@code b}, without the newline. */
    private interface LineSink {
        void line(byte[] b, int from, int to, long lineNumber) throws IOException;
    }

    /**
     * Hands every line of {@code in} (the first {@code filled} bytes already in {@code buf}) to
     * {@code sink} in at most {@link #MAX_LINE_BYTES} of memory: a longer line is a located problem.
     * {@code failure}: damage met while filling the buffer, thrown once the lines before it are read.
     */
    private static void readLines(
            InputStream in, byte[] buf, int filled, IOException failure, RecordAssembler out, LineSink sink)
            throws IOException {
        long lineNumber = 1;
        int start = 0;
        while (true) {
            int nl = indexOf(buf, start, filled, (byte) '\n');
            if (nl >= 0) {
                sink.line(buf, start, nl, lineNumber++);
                start = nl + 1;
                continue;
            }
            int rest = filled - start;
            if (failure != null) {
                // the data stops here: what is left is a line cut off by the damage
                if (rest > 0) {
                    out.problem(new ParseProblem(
                            out.file(),
                            lineNumber,
                            null,
                            "line cut off where the file's data ends",
                            new String(buf, start, Math.min(rest, 200), StandardCharsets.UTF_8)));
                }
                throw failure;
            }
            if (rest >= MAX_LINE_BYTES || rest == buf.length) {
                out.problem(new ParseProblem(
                        out.file(),
                        lineNumber,
                        null,
                        "line longer than " + (MAX_LINE_BYTES >> 20) + " MiB: not read (skipped to the next newline)",
                        new String(buf, start, Math.min(rest, 200), StandardCharsets.UTF_8)));
                long left = skipLine(in, buf);
                lineNumber++;
                if (left < 0) {
                    return; // the line ran to the end of the data
                }
                filled = (int) left;
                start = 0;
                continue;
            }
            // no full line left in the buffer: move the rest to the front and read more
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, rest);
            }
            start = 0;
            int before = rest;
            try {
                filled = fill(in, buf, rest);
            } catch (PartialRead p) {
                filled = p.filled;
                failure = p.cause;
                continue;
            }
            if (filled == before) {
                if (filled > 0) {
                    sink.line(buf, 0, filled, lineNumber);
                }
                return;
            }
        }
    }

    /** The whole content, at most {@link #MAX_JSON_BYTES}; held in chunks until it is known to fit. */
    private static byte[] readWhole(InputStream in, byte[] buf, int filled) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        chunks.add(Arrays.copyOf(buf, filled));
        long total = filled;
        while (true) {
            byte[] chunk = in.readNBytes(CHUNK);
            if (chunk.length == 0) {
                break;
            }
            total += chunk.length;
            if (total > MAX_JSON_BYTES) {
                throw new TooLarge("JSON content over " + (MAX_JSON_BYTES >> 20)
                        + " MiB is not read: split it, or write one JSON value a line");
            }
            chunks.add(chunk);
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        return all;
    }

    /**
     * Reads and drops bytes up to and including the next newline, in {@code buf}'s space; then moves
     * what follows the newline to the front of {@code buf} and returns its length, or -1 when the data
     * ended first. Damaged data is thrown as it would be for any line.
     */
    private static long skipLine(InputStream in, byte[] buf) throws IOException {
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return -1;
            }
            int nl = indexOf(buf, 0, n, (byte) '\n');
            if (nl >= 0) {
                int rest = n - nl - 1;
                System.arraycopy(buf, nl + 1, buf, 0, rest);
                return rest;
            }
        }
    }

    /** A content too large to read whole. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** Reading stopped by damaged data after {@code filled} bytes of the buffer were read. */
    private static final class PartialRead extends Exception {
        private static final long serialVersionUID = 1L;
        final int filled;
        final IOException cause;

        PartialRead(int filled, IOException cause) {
            super(cause.getMessage(), cause, false, false);
            this.filled = filled;
            this.cause = cause;
        }
    }

    /** Fills {@code buf} from {@code offset} until full or the end; returns the bytes now in it. */
    private static int fill(InputStream in, byte[] buf, int offset) throws PartialRead {
        int filled = offset;
        try {
            while (filled < buf.length) {
                int n = in.read(buf, filled, buf.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
        } catch (IOException e) {
            throw new PartialRead(filled, e);
        }
        return filled;
    }

    static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpace(byte b) {
        return b == ' '
                || b == '\t'
                || b == '\r'
                || b == '\n'
                || b == (byte) 0xEF
                || b == (byte) 0xBB
                || b == (byte) 0xBF;
    }

    // ---- helpers ----

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void drain(InputStream in) throws IOException {
        byte[] skip = new byte[1 << 16];
        while (in.read(skip) >= 0) {
            // reading only to hash the rest
        }
    }

    /** Puts back the bytes read to sniff the kind. */
    private static final class PrefixedInputStream extends InputStream {
        private final byte[] prefix;
        private int position;
        private final InputStream rest;

        PrefixedInputStream(byte[] prefix, InputStream rest) {
            this.prefix = prefix;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            if (position < prefix.length) {
                return prefix[position++] & 0xff;
            }
            return rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position < prefix.length) {
                int n = Math.min(len, prefix.length - position);
                System.arraycopy(prefix, position, b, off, n);
                position += n;
                return n;
            }
            return rest.read(b, off, len);
        }
    }
}
