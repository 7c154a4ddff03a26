package dev.flowlens.store.ingest;

import dev.flowlens.core.parse.ParseProblem;
import java.util.List;

/** The outcome of one ingest run. {@code failures} lists the files that failed or loaded only in part. */
public record IngestSummary(
        int filesLoaded,
        int filesSkipped,
        int filesFailed,
        long records,
        long badLines,
        long bytes,
        double seconds,
        List<FileResult> failures,
        List<ParseProblem> sampleProblems) {
    public IngestSummary {
        failures = List.copyOf(failures);
        sampleProblems = List.copyOf(sampleProblems);
    }

    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }
}
