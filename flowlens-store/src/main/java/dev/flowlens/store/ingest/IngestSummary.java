package dev.flowlens.store.ingest;

import dev.flowlens.core.parse.ParseProblem;
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

    /** A summary with no record left out. */
    public IngestSummary(
            int filesLoaded,
            int filesSkipped,
            int filesFailed,
            long records,
            long badLines,
            long bytes,
            double seconds,
            List<FileResult> failures,
            List<ParseProblem> sampleProblems) {
        this(filesLoaded, filesSkipped, filesFailed, records, badLines, bytes, seconds, failures, sampleProblems, 0);
    }

    public IngestSummary {
        failures = List.copyOf(failures);
        sampleProblems = List.copyOf(sampleProblems);
    }

    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }
}
