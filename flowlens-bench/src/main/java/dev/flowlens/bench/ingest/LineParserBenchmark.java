package dev.flowlens.bench.ingest;

import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.parse.LineParser;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import dev.flowlens.core.record.RecordBatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot parser over realistic default-format lines (the benchmark generator's records). Scores
 * are per line. {@code parse} is {@link LineParser} alone; {@code assemble} adds the
 * {@link RecordAssembler} (header/comment checks, batching). Setup first checks that every line
 * decodes to a record with the expected values, so a broken parser cannot look fast.
 *
 * <p>Run: see {@code docs/ingest.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineParserBenchmark {
    static final int LINES = 100_000;

    private byte[] text;
    private int[] starts;
    private int[] ends;
    private LineParser parser;
    private RecordBatch batch;
    private long sink;

    @Setup(Level.Trial)
    public void setUp() {
        text = FlowLogGenerator.records(7, LINES);
        starts = new int[LINES];
        ends = new int[LINES];
        int line = 0;
        int s = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                starts[line] = s;
                ends[line] = i;
                line++;
                s = i + 1;
            }
        }
        if (line != LINES) {
            throw new IllegalStateException("expected " + LINES + " lines, found " + line);
        }
        parser = new LineParser(FlowFormat.DEFAULT_V2);
        batch = new RecordBatch(FlowFormat.DEFAULT_V2, 2048);
        checkDecodes();
    }

    /** Every line parses, and the values match the text (checked field by field on a sample). */
    private void checkDecodes() {
        RecordBatch check = new RecordBatch(FlowFormat.DEFAULT_V2, 1);
        for (int i = 0; i < LINES; i++) {
            ParseProblem p = parser.parse(text, starts[i], ends[i], check);
            if (p != null) {
                throw new IllegalStateException("line " + (i + 1) + " does not decode: " + p.describe());
            }
            check.commitRow(i + 1, null);
            if (i % 997 == 0) {
                String[] tokens = new String(
                                text, starts[i], ends[i] - starts[i], java.nio.charset.StandardCharsets.US_ASCII)
                        .split(" +");
                for (int col = 0; col < tokens.length; col++) {
                    Object v = check.value(col, 0);
                    String expected = tokens[col].equals("-") ? null : tokens[col];
                    String actual = v == null ? null : v.toString();
                    if (!java.util.Objects.equals(expected, actual)) {
                        throw new IllegalStateException(
                                "line " + (i + 1) + " column " + col + ": expected " + expected + " got " + actual);
                    }
                }
            }
            check.clear();
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long parse() {
        RecordBatch b = batch;
        for (int i = 0; i < LINES; i++) {
            parser.parse(text, starts[i], ends[i], b);
            b.commitRow(i, null);
            if (b.isFull()) {
                sink += b.number(8, 0);
                b.clear();
            }
        }
        return sink;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long assemble() {
        long[] rows = {0};
        RecordAssembler a =
                new RecordAssembler("bench", FlowFormat.DEFAULT_V2, 2048, full -> rows[0] += full.size(), p -> {
                    throw new IllegalStateException(p.describe());
                });
        for (int i = 0; i < LINES; i++) {
            a.line(text, starts[i], ends[i], i + 1, null);
        }
        a.flush();
        return rows[0];
    }
}
