package dev.flowlens.cli.command;

import dev.flowlens.sources.s3.S3Metrics;
import dev.flowlens.store.ingest.IngestReport;
import java.io.PrintWriter;

/** The S3 lines of the ingest summary: what was listed, left out, and the requests made. */
final class S3Report {
    private S3Report() {}

    static void text(PrintWriter out, S3Ingest.Result r) {
        IngestReport.S3Part p = json(r);
        out.printf(
                "S3: %,d object(s) listed for the selection (%,d loaded before, not fetched; %,d not flow log files, ignored); ",
                p.objectsListed(), p.objectsLoadedBefore(), p.objectsIgnored());
        out.printf(
                "%,d LIST and %,d GET requests, %,d retried, %,d read(s) resumed%n",
                p.listRequests(), p.getRequests(), p.retries(), p.resumedReads());
        if (p.objectsStopped() > 0) {
            out.printf(
                    "Stopped: %,d object(s) not read; run the same command again to load them%n", p.objectsStopped());
        }
    }

    static IngestReport.S3Part json(S3Ingest.Result r) {
        S3Metrics.Counts n = r.requests();
        return new IngestReport.S3Part(
                r.listed(), r.unchanged(), r.ignored(), r.stopped(), n.lists(), n.gets(), n.retries(), n.resumes());
    }
}
