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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * The records JSON holds, for {@link FlowFileReader}: JSON lines ({@code {"message": "..."}} a
 * line), JSON documents (an array of such objects, {@code aws logs} output), CloudWatch Logs
 * subscription payloads ({@code logEvents}, the base64 + gzip {@code awslogs.data} envelope) and rows
 * of flow log fields; each record cited at its own line of the file.
 */
final class JsonRecords {
    private final ObjectMapper mapper = new ObjectMapper();
    /** The lines of the JSON document being emitted, or null (JSON lines, decoded payloads). */
    private LocatedJson located;

    /** True when the first line (from {@code from}) ends within the buffer and is a whole JSON value by itself. */
    boolean firstLineIsJsonValue(byte[] buf, int from, int filled) {
        int nl = FlowFileReader.indexOf(buf, from, filled, (byte) '\n');
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
    void line(byte[] b, int from, int to, long lineNumber, RecordAssembler out) throws IOException {
        String line = new String(b, from, to - from, StandardCharsets.UTF_8).strip();
        if (line.isEmpty()) {
            return;
        }
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            out.problem(new ParseProblem(
                    out.file(), lineNumber, null, "not valid JSON: " + e.getOriginalMessage(), abbreviate(line)));
            return;
        }
        emit(node, lineNumber, null, out, 0);
    }

    /** Reads a whole JSON content (a document, or JSON lines after a first line too long to tell); returns its container name. */
    String readDocument(byte[] content, RecordAssembler out) throws IOException {
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
                            out.problem(new ParseProblem(
                                    out.file(), lineNumber, null, "not valid JSON: " + e.getOriginalMessage(), line));
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
                    out.problem(new ParseProblem(
                            out.file(),
                            at,
                            null,
                            "not valid JSON (the rest of the file is not read): " + e.getOriginalMessage(),
                            ""));
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
    private void emit(JsonNode node, long lineNumber, String stream, RecordAssembler out, int depth)
            throws IOException {
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
            out.problem(new ParseProblem(
                    out.file(), lineNumber, null, "JSON value holds no flow log record", node.toString()));
            return;
        }
        JsonNode awslogs = node.path("awslogs").path("data");
        if (awslogs.isTextual()) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(awslogs.asText());
                decoded = new GZIPInputStream(new ByteArrayInputStream(decoded)).readAllBytes();
            } catch (IllegalArgumentException | IOException e) {
                out.problem(new ParseProblem(
                        out.file(), lineNumber, "awslogs.data", "not base64 gzip data: " + e.getMessage(), ""));
                return;
            }
            try {
                emit(mapper.readTree(decoded), lineNumber, stream, out, depth + 1);
            } catch (JsonProcessingException e) {
                out.problem(new ParseProblem(
                        out.file(),
                        lineNumber,
                        "awslogs.data",
                        "decoded data is not JSON: " + e.getOriginalMessage(),
                        ""));
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
                    out.problem(new ParseProblem(
                            out.file(),
                            lineOf(event, lineNumber),
                            "logEvents[" + (i - 1) + "]",
                            "event has no message",
                            event.toString()));
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
        out.problem(new ParseProblem(
                out.file(),
                lineNumber,
                null,
                "JSON object has no 'message', 'logEvents', 'events' or 'awslogs' field, nor flow log fields",
                abbreviate(node.toString())));
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
                text = v.isIntegralNumber()
                        ? v.asText()
                        : (d == Math.rint(d) && Math.abs(d) < 9e15 ? Long.toString((long) d) : v.asText());
            } else {
                text = v.asText().isEmpty() ? "-" : v.asText();
            }
            if (text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0) {
                out.problem(
                        new ParseProblem(out.file(), lineNumber, field.get().awsName(), "value holds a space", text));
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
}
