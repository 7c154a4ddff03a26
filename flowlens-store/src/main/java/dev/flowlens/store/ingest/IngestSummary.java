package dev.flowlens.store.ingest;

import dev.flowlens.core.parse.ParseProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one ingest run. {@code failures} lists the files that failed or loaded only in part;
 * {@code recordsLeftOut} counts the records read but outside the run's selection (not bad lines).
 */
public record IngestSummary(
        int filesLoaded,
        int filesSkipped,
        int filesFailed,
        long records,
        long badLines,
        long bytes,
        double seconds,
        List<FileResult> failures,
        List<ParseProblem> sampleProblems,
        long recordsLeftOut) {

    public IngestSummary {
        failures = List.copyOf(failures);
        sampleProblems = List.copyOf(sampleProblems);
    }

    /** Nothing done. */
    public static final IngestSummary EMPTY = new IngestSummary(0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0);

    /** The totals of two runs (of one command over several inputs); the first problems of both as the sample. */
    public IngestSummary plus(IngestSummary other) {
        List<FileResult> allFailures = new ArrayList<>(failures);
        allFailures.addAll(other.failures);
        List<ParseProblem> samples = new ArrayList<>(sampleProblems);
        samples.addAll(other.sampleProblems);
        return new IngestSummary(
                filesLoaded + other.filesLoaded,
                filesSkipped + other.filesSkipped,
                filesFailed + other.filesFailed,
                records + other.records,
                badLines + other.badLines,
                bytes + other.bytes,
                seconds + other.seconds,
                allFailures,
                samples.subList(0, Math.min(IngestRun.SAMPLE_PROBLEMS, samples.size())),
                recordsLeftOut + other.recordsLeftOut);
    }

    /** A failed or partial input as the JSON outputs (CLI and web) print it. */
    public static Map<String, Object> failureRow(String path, String status, long records, String error) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", path);
        row.put("status", status);
        row.put("records", records);
        row.put("error", error);
        return row;
    }

    /** {@link #failures()} as the JSON outputs print them. */
    public List<Map<String, Object>> failureRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FileResult f : failures) {
            rows.add(failureRow(f.path(), f.status().name(), f.records(), String.valueOf(f.error())));
        }
        return rows;
    }

    /** {@link #sampleProblems()} as the JSON outputs print them ({@code bad_line_sample}). */
    public List<Map<String, Object>> badLineSample() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ParseProblem p : sampleProblems) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("file", p.file());
            b.put("line", p.line());
            b.put("field", p.field());
            b.put("reason", p.reason());
            b.put("text", p.text());
            rows.add(b);
        }
        return rows;
    }

    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }
}
