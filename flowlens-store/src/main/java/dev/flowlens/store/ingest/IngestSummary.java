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

    /** The outcome of two runs, one after the other. */
    public IngestSummary plus(IngestSummary o) {
        List<FileResult> f = new java.util.ArrayList<>(failures);
        f.addAll(o.failures);
        List<ParseProblem> p = new java.util.ArrayList<>(sampleProblems);
        p.addAll(o.sampleProblems);
        return new IngestSummary(
                filesLoaded + o.filesLoaded,
                filesSkipped + o.filesSkipped,
                filesFailed + o.filesFailed,
                records + o.records,
                badLines + o.badLines,
                bytes + o.bytes,
                seconds + o.seconds,
                f,
                p);
    }

    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }
}
