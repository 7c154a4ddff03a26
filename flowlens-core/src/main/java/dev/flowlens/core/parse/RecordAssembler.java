package dev.flowlens.core.parse;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.record.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns the lines of one source file into batches of records. Handles what a text delivery holds
 * besides records: header lines (first or repeated, which switch the format), blank lines,
 * {@code #} comments, and the ISO-8601 timestamp that CloudWatch exports put before a record.
 * Every other line becomes a record or a located {@link ParseProblem}; nothing is dropped silently.
 */
public final class RecordAssembler {

    /** Receives full batches; the batch is reused after the call returns. */
    public interface BatchSink {
        void accept(RecordBatch batch);
    }

    /** Receives each line that could not be read. */
    public interface ProblemSink {
        void accept(ParseProblem problem);
    }

    private final String file;
    private final int batchSize;
    private final BatchSink sink;
    private final ProblemSink problems;
    private final TextCache cache = new TextCache(1 << 14);
    private final Map<FlowFormat, State> states = new LinkedHashMap<>();
    private final Set<FlowFormat> formatsSeen = new LinkedHashSet<>();
    private State current;
    /** True once a line other than blank or comment was seen: only the first such line may be a
     * header that starts with a field name Flowlens does not know. */
    private boolean pastFirstLine;

    private long records;
    private long badLines;
    /** Why the records that follow cannot be read (a header naming a field twice), or null. */
    private String refusedHeader;

    private static final class State {
        final LineParser parser;
        final RecordBatch batch;
        final int interfaceColumn;
        boolean seen;

        State(FlowFormat format, TextCache cache, int batchSize) {
            parser = new LineParser(format, cache);
            batch = new RecordBatch(format, batchSize);
            interfaceColumn = batch.columnOf(FlowField.INTERFACE_ID);
        }
    }

    public String file() {
        return file;
    }

    public RecordAssembler(String file, FlowFormat initialFormat, int batchSize, BatchSink sink, ProblemSink problems) {
        this.file = file;
        this.batchSize = batchSize;
        this.sink = sink;
        this.problems = problems;
        this.current = stateFor(initialFormat);
    }

    private State stateFor(FlowFormat format) {
        return states.computeIfAbsent(format, f -> new State(f, cache, batchSize));
    }

    /** A line without its line break; {@code logStream} is the CloudWatch stream, or null. */
    public void line(byte[] b, int start, int end, long lineNumber, String logStream) {
        while (end > start && (b[end - 1] == '\r' || b[end - 1] == '\n' || b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        while (start < end && (b[start] == ' ' || b[start] == '\t')) {
            start++;
        }
        if (start == end) {
            return;
        }
        byte first = b[start];
        if (first == '#') {
            return;
        }
        if (first >= '0' && first <= '9' && isIsoTimestampPrefix(b, start, end)) {
            while (start < end && b[start] != ' ') {
                start++;
            }
            while (start < end && b[start] == ' ') {
                start++;
            }
            if (start == end) {
                report(new ParseProblem(file, lineNumber, null, "timestamp without a record", ""));
                return;
            }
        }
        boolean firstLine = !pastFirstLine;
        pastFirstLine = true;
        if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '$') {
            FlowFormat header;
            try {
                header = headerOf(b, start, end, firstLine);
            } catch (FlowFormat.FormatException e) {
                // a header that names a field twice: its records cannot be read, nor read with the previous format
                refusedHeader = "under the header of line " + lineNumber + ", which cannot be used: " + e.getMessage();
                report(new ParseProblem(
                        file,
                        lineNumber,
                        null,
                        e.getMessage(),
                        new String(b, start, end - start, StandardCharsets.UTF_8)));
                return;
            }
            if (header != null) {
                refusedHeader = null;
                switchTo(header);
                return;
            }
        }
        if (refusedHeader != null) {
            report(new ParseProblem(
                    file, lineNumber, null, refusedHeader, new String(b, start, end - start, StandardCharsets.UTF_8)));
            return;
        }
        State s = current;
        RecordBatch batch = s.batch;
        ParseProblem p = s.parser.parse(b, start, end, batch);
        if (p != null) {
            report(p.withLocation(file, lineNumber));
            return;
        }
        if (!s.seen) {
            // once per format: hashing a FlowFormat per record cost ~5 % of ingest time
            s.seen = true;
            formatsSeen.add(s.parser.format());
        }
        if (logStream != null && s.interfaceColumn >= 0 && batch.isNull(s.interfaceColumn, batch.nextRow())) {
            String eni = eniOfStream(logStream);
            if (eni != null) {
                batch.setText(s.interfaceColumn, eni);
            }
        }
        batch.commitRow(lineNumber, logStream);
        records++;
        if (batch.isFull()) {
            sink.accept(batch);
            batch.clear();
        }
    }

    /** A problem found by the source before the parser (an unreadable JSON line, a cut-off line). */
    public void problem(ParseProblem p) {
        report(p);
    }

    private void report(ParseProblem p) {
        badLines++;
        problems.accept(p);
    }

    /**
     * The format a header line names, or null. Later lines are headers only when their first token
     * is a known field (cheap to rule out for records); the first line of a file may also start with
     * an unknown name (kept as an {@code x_} column), as long as most names are known.
     */
    private FlowFormat headerOf(byte[] b, int start, int end, boolean firstLine) {
        int i = start;
        while (i < end && b[i] != ' ' && b[i] != '\t') {
            i++;
        }
        String firstToken = new String(b, start, i - start, StandardCharsets.UTF_8);
        if (!firstLine && FlowField.byName(firstToken).isEmpty()) {
            return null;
        }
        return FlowFormat.fromHeaderLine(new String(b, start, end - start, StandardCharsets.UTF_8));
    }

    private void switchTo(FlowFormat format) {
        if (format.equals(current.parser.format())) {
            return;
        }
        flush();
        current = stateFor(format);
    }

    /** Sends the rows not yet sent. Call at the end of the file. */
    public void flush() {
        for (State s : states.values()) {
            if (!s.batch.isEmpty()) {
                sink.accept(s.batch);
                s.batch.clear();
            }
        }
    }

    /** The interface in a CloudWatch log stream name: {@code eni-0abc} or {@code eni-0abc-all}. */
    static String eniOfStream(String stream) {
        if (!stream.startsWith("eni-")) {
            return null;
        }
        int i = 4;
        while (i < stream.length() && Character.digit(stream.charAt(i), 16) >= 0) {
            i++;
        }
        return i > 4 ? stream.substring(0, i) : null;
    }

    /** {@code 2018-09-22T20:28:14.000Z } and similar. */
    static boolean isIsoTimestampPrefix(byte[] b, int s, int e) {
        return e - s > 20
                && b[s + 4] == '-'
                && b[s + 7] == '-'
                && (b[s + 10] == 'T' || b[s + 10] == 't')
                && isDigits(b, s, s + 4)
                && isDigits(b, s + 5, s + 7)
                && isDigits(b, s + 8, s + 10);
    }

    private static boolean isDigits(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    public long records() {
        return records;
    }

    public long badLines() {
        return badLines;
    }

    /** The formats of the records read so far, in the order first seen. */
    public Set<FlowFormat> formatsSeen() {
        return formatsSeen;
    }
}
