package dev.flowlens.store.ingest;

import dev.flowlens.core.parse.ParseProblem;
import java.util.ArrayList;
import java.util.List;

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

    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }
}
