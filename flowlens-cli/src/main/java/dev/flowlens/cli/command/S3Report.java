package dev.flowlens.cli.command;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

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

    static Map<String, Object> json(S3Ingest.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objects_listed", r.listed());
        m.put("objects_loaded_before", r.unchanged());
        m.put("objects_ignored", r.ignored());
        m.put("objects_stopped", r.stopped());
        m.put("list_requests", r.requests().lists());
        m.put("get_requests", r.requests().gets());
        m.put("retries", r.requests().retries());
        m.put("resumed_reads", r.requests().resumes());
        return m;
    }
}
