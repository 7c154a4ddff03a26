package dev.flowlens.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
    private final ObjectMapper mapper = new ObjectMapper();
    /** The lines of the JSON document being emitted, or null (JSON lines, decoded payloads). */
    private LocatedJson located;

    /** Reads {@code file}; records and problems go to {@code out}. I/O errors opening it are thrown. */
    public ReadOutcome read(Path file, RecordAssembler out) throws IOException {
        return read(file, out, null);
    }

    /**
     * Reads {@code file} whose SHA-256 the caller already computed ({@code knownSha256}), so it is not
     * hashed a second time; null to hash it on the way.
     */
    public ReadOutcome read(Path file, RecordAssembler out, String knownSha256) throws IOException {
        MessageDigest digest = knownSha256 == null ? sha256() : null;
        long size = Files.size(file);
        try (InputStream raw = Files.newInputStream(file);
                InputStream hashed = digest == null ? raw : new DigestInputStream(raw, digest)) {
            byte[] head = hashed.readNBytes(4);
            FileKind kind = FileKind.sniff(head, head.length);
            if (kind == FileKind.PARQUET || kind == FileKind.EMPTY) {
                if (digest != null) {
                    drain(hashed);
                }
                return new ReadOutcome(kind, digest == null ? knownSha256 : hex(digest), size, null, null);
            }
            InputStream body = new PrefixedInputStream(head, hashed);
            String error = null;
            String container = "TEXT";
            try {
                InputStream text = kind == FileKind.GZIP ? new GZIPInputStream(body, 1 << 16) : body;
                container = readText(text, out);
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
            return new ReadOutcome(kind, digest == null ? knownSha256 : hex(digest), size, container, error);
        }
    }

    /** What a file holds, from its first bytes. */
    public static FileKind kindOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return FileKind.sniff(head, head.length);
        }
    }

    /** Hashes a file's bytes as stored. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            drain(in);
        }
        return hex(digest);
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
            if (buf[firstContent] == '{' && firstLineIsJsonValue(buf, firstContent, filled)) {
                readLines(in, buf, filled, null, out, (b, from, to, lineNumber) -> jsonLine(b, from, to, lineNumber, out));
                return "JSON_LINES";
            }
            return readJson(readWhole(in, buf, filled), out);
        }
        readLines(in, buf, filled, failure, out, (b, from, to, lineNumber) -> out.line(b, from, to, lineNumber, null));
        return "TEXT";
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
    private static void readLines(InputStream in, byte[] buf, int filled, IOException failure, RecordAssembler out, LineSink sink)
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
                    out.problem(new ParseProblem(out.file(), lineNumber, null, "line cut off where the file's data ends",
                            new String(buf, start, Math.min(rest, 200), StandardCharsets.UTF_8)));
                }
                throw failure;
            }
            if (rest >= MAX_LINE_BYTES || rest == buf.length) {
                out.problem(new ParseProblem(out.file(), lineNumber, null, "line longer than " + (MAX_LINE_BYTES >> 20)
                        + " MiB: not read (skipped to the next newline)", new String(buf, start, Math.min(rest, 200), StandardCharsets.UTF_8)));
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

    /** True when the first line (from {@code from}) ends within the buffer and is a whole JSON value by itself. */
    private boolean firstLineIsJsonValue(byte[] buf, int from, int filled) {
        int nl = indexOf(buf, from, filled, (byte) '\n');
        if (nl < 0) {
            return false; // a single line, or a longer one: a document
        }
        try {
            mapper.readTree(buf, from, nl - from);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One line of a JSON-lines file: blank, a JSON value holding records, or a located problem. */
    private void jsonLine(byte[] b, int from, int to, long lineNumber, RecordAssembler out) throws IOException {
        String line = new String(b, from, to - from, StandardCharsets.UTF_8).strip();
        if (line.isEmpty()) {
            return;
        }
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            out.problem(new ParseProblem(out.file(), lineNumber, null, "not valid JSON: " + e.getOriginalMessage(), abbreviate(line)));
            return;
        }
        emit(node, lineNumber, null, out, 0);
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
                throw new TooLarge("JSON content over " + (MAX_JSON_BYTES >> 20) + " MiB is not read: split it, or write one JSON value a line");
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

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF;
    }

    // ---- JSON ----

    private String readJson(byte[] content, RecordAssembler out) throws IOException {
        if (isJsonLines(content)) {
            long lineNumber = 1;
            int start = 0;
            for (int i = 0; i <= content.length; i++) {
                if (i == content.length || content[i] == '\n') {
                    String line = new String(content, start, i - start, StandardCharsets.UTF_8).strip();
                    if (!line.isEmpty()) {
                        try {
                            emit(mapper.readTree(line), lineNumber, null, out, 0);
                        } catch (JsonProcessingException e) {
                            out.problem(new ParseProblem(out.file(), lineNumber, null,
                                    "not valid JSON: " + e.getOriginalMessage(), line));
                        }
                    }
                    lineNumber++;
                    start = i + 1;
                }
            }
            return "JSON_LINES";
        }
        JsonFactory factory = mapper.getFactory();
        try (JsonParser parser = factory.createParser(content)) {
            while (true) {
                JsonToken t;
                long lineNumber;
                try {
                    t = parser.nextToken();
                    if (t == null) {
                        break;
                    }
                    lineNumber = parser.currentTokenLocation().getLineNr();
                    located = LocatedJson.read(parser, mapper);
                    emit(located.root(), lineNumber, null, out, 0);
                } catch (JsonProcessingException e) {
                    long at = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                    out.problem(new ParseProblem(out.file(), at, null,
                            "not valid JSON (the rest of the file is not read): " + e.getOriginalMessage(), ""));
                    break;
                } finally {
                    located = null;
                }
            }
        }
        return "JSON_DOCUMENT";
    }

    /** True when the first non-blank line is a whole JSON value by itself. */
    private boolean isJsonLines(byte[] content) {
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                String line = new String(content, start, i - start, StandardCharsets.UTF_8).strip();
                if (!line.isEmpty()) {
                    if (i == content.length) {
                        return false; // a single line: a document
                    }
                    try {
                        mapper.readTree(line);
                        return true;
                    } catch (JsonProcessingException e) {
                        return false;
                    }
                }
                start = i + 1;
            }
        }
        return false;
    }

    /**
     * The line of the file {@code node} was read at in a JSON document (pretty-printed arrays), else
     * {@code fallback}: the line holding the whole value (a JSON line, or a decoded awslogs payload).
     */
    private long lineOf(JsonNode node, long fallback) {
        return located == null ? fallback : located.lineOf(node, fallback);
    }

    /** Emits the records a JSON value holds. */
    private void emit(JsonNode node, long lineNumber, String stream, RecordAssembler out, int depth) throws IOException {
        if (depth > 4) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                emit(element, lineOf(element, lineNumber), stream, out, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            out.problem(new ParseProblem(out.file(), lineNumber, null, "JSON value holds no flow log record", node.toString()));
            return;
        }
        JsonNode awslogs = node.path("awslogs").path("data");
        if (awslogs.isTextual()) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(awslogs.asText());
                decoded = new GZIPInputStream(new ByteArrayInputStream(decoded)).readAllBytes();
            } catch (IllegalArgumentException | IOException e) {
                out.problem(new ParseProblem(out.file(), lineNumber, "awslogs.data", "not base64 gzip data: " + e.getMessage(), ""));
                return;
            }
            try {
                emit(mapper.readTree(decoded), lineNumber, stream, out, depth + 1);
            } catch (JsonProcessingException e) {
                out.problem(new ParseProblem(out.file(), lineNumber, "awslogs.data", "decoded data is not JSON: " + e.getOriginalMessage(), ""));
            }
            return;
        }
        if ("CONTROL_MESSAGE".equals(node.path("messageType").asText())) {
            return;
        }
        String nodeStream = text(node, "logStream", text(node, "logStreamName", stream));
        JsonNode events = node.has("logEvents") ? node.get("logEvents") : node.get("events");
        if (events != null && events.isArray()) {
            long i = 0;
            for (JsonNode event : events) {
                i++;
                String eventStream = text(event, "logStreamName", nodeStream);
                JsonNode message = event.get("message");
                if (message == null || !message.isTextual()) {
                    out.problem(new ParseProblem(out.file(), lineOf(event, lineNumber), "logEvents[" + (i - 1) + "]",
                            "event has no message", event.toString()));
                    continue;
                }
                byte[] bytes = message.asText().getBytes(StandardCharsets.UTF_8);
                out.line(bytes, 0, bytes.length, lineOf(event, lineNumber), eventStream);
            }
            return;
        }
        JsonNode message = node.get("message");
        if (message != null && message.isTextual()) {
            byte[] bytes = message.asText().getBytes(StandardCharsets.UTF_8);
            out.line(bytes, 0, bytes.length, lineNumber, nodeStream);
            return;
        }
        if (emitFieldObject(node, lineNumber, nodeStream, out)) {
            return;
        }
        out.problem(new ParseProblem(out.file(), lineNumber, null,
                "JSON object has no 'message', 'logEvents', 'events' or 'awslogs' field, nor flow log fields", abbreviate(node.toString())));
    }

    /**
     * A JSON row whose keys are flow log field names ({@code {"srcaddr": "10.0.0.1", "srcport": 443.0,
     * ...}}, as tools write Parquet rows to JSON): read as a header of its keys and a record of its
     * values; {@code null} is absent and whole floats are whole numbers.
     */
    private static boolean emitFieldObject(JsonNode node, long lineNumber, String stream, RecordAssembler out) {
        StringBuilder header = new StringBuilder();
        StringBuilder record = new StringBuilder();
        int known = 0;
        for (var e : node.properties()) {
            var field = dev.flowlens.core.format.FlowField.byName(e.getKey());
            if (field.isEmpty()) {
                continue;
            }
            known++;
            JsonNode v = e.getValue();
            String text;
            if (v == null || v.isNull()) {
                text = "-";
            } else if (v.isNumber()) {
                double d = v.asDouble();
                text = v.isIntegralNumber() ? v.asText() : (d == Math.rint(d) && Math.abs(d) < 9e15 ? Long.toString((long) d) : v.asText());
            } else {
                text = v.asText().isEmpty() ? "-" : v.asText();
            }
            if (text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0) {
                out.problem(new ParseProblem(out.file(), lineNumber, field.get().awsName(), "value holds a space", text));
                return true;
            }
            header.append(header.length() == 0 ? "" : " ").append(field.get().awsName());
            record.append(record.length() == 0 ? "" : " ").append(text);
        }
        if (known < 3) {
            return false;
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] r = record.toString().getBytes(StandardCharsets.UTF_8);
        out.line(h, 0, h.length, lineNumber, stream);
        out.line(r, 0, r.length, lineNumber, stream);
        return true;
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : otherwise;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
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
