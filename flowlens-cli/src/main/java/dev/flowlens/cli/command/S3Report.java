package dev.flowlens.cli.command;

import dev.flowlens.store.ingest.IngestReport;
import java.io.PrintWriter;

/** The S3 lines of the ingest summary: what was listed, left out, and the requests made. */
final class S3Report {
    private S3Report() {}

    static void text(PrintWriter out, S3Ingest.Result r) {
        out.printf(
                "S3: %,d object(s) listed for the selection (%,d loaded before, not fetched; %,d not flow log files, ignored); "
                        + "%,d LIST and %,d GET requests, %,d retried, %,d read(s) resumed%n",
                r.listed(),
                r.unchanged(),
                r.ignored(),
                r.requests().lists(),
                r.requests().gets(),
                r.requests().retries(),
                r.requests().resumes());
        if (r.stopped() > 0) {
            out.printf("Stopped: %,d object(s) not read; run the same command again to load them%n", r.stopped());
        }
    }

    static IngestReport.S3Part json(S3Ingest.Result r) {
        return new IngestReport.S3Part(
                r.listed(),
                r.unchanged(),
                r.ignored(),
                r.stopped(),
                r.requests().lists(),
                r.requests().gets(),
                r.requests().retries(),
                r.requests().resumes());
    }
}
