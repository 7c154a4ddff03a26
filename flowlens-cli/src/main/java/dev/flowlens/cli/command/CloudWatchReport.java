package dev.flowlens.cli.command;

import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.sources.cloudwatch.CloudWatchSource;
import dev.flowlens.store.ingest.IngestReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The CloudWatch lines of the ingest summary: events, requests, and what the quota cost. */
final class CloudWatchReport {
    /** The share of the run spent waiting for the rate limit above which the summary says so. */
    static final double SLOW_SHARE = 0.5;

    private CloudWatchReport() {}

    static void text(PrintWriter out, CloudWatchIngest.Result r) {
        CloudWatchSource.Counts c = r.requests();
        out.printf(
                "CloudWatch Logs %s: %,d new event(s) loaded, %,d loaded before; %,d FilterLogEvents page(s) (%,d empty), "
                        + "%,d request(s), %,d throttled%n",
                TerminalText.escape(r.logGroup()),
                r.newEvents(),
                r.loadedBefore(),
                c.pages(),
                c.emptyPages(),
                c.requests(),
                c.throttled());
        if (!r.streams().isEmpty()) {
            out.println("Streams: " + TerminalText.escape(String.join(", ", r.streams())));
        }
        out.println("Format: " + TerminalText.escape(r.formatSource()));
        for (String n : messages(r)) {
            out.println("Note: " + TerminalText.escape(n));
        }
        if (r.stopped()) {
            out.println("Stopped: run the same command again to load the rest (events loaded are not loaded twice)");
        }
    }

    static IngestReport.CloudWatchPart json(CloudWatchIngest.Result r) {
        CloudWatchSource.Counts c = r.requests();
        return new IngestReport.CloudWatchPart(
                r.logGroup(),
                r.streams(),
                r.format(),
                r.formatSource(),
                r.newEvents(),
                r.loadedBefore(),
                c.pages(),
                c.emptyPages(),
                c.requests(),
                c.throttled(),
                c.tokenRestarts(),
                c.rateLimit(),
                seconds(c.waitedNanos()),
                r.polls(),
                seconds(r.timings().journal()),
                seconds(r.timings().ingest()),
                seconds(r.timings().prune()),
                r.stopped(),
                messages(r));
    }

    /** Nanoseconds as seconds to the millisecond. */
    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    /** The notes of the run, and a sentence when the quota or the rate limit made it slow. */
    static List<String> messages(CloudWatchIngest.Result r) {
        List<String> out = new ArrayList<>(r.notes());
        CloudWatchSource.Counts c = r.requests();
        double waited = c.waitedNanos() / 1e9;
        double seconds = r.summary().seconds() + waited;
        if (c.tokenRestarts() > 0) {
            out.add(String.format(
                    "CloudWatch Logs refused %,d nextToken(s) (expired): the query was asked again from its start, "
                            + "events loaded already were skipped by id",
                    c.tokenRestarts()));
        }
        if (c.throttled() > 0) {
            out.add(String.format(
                    "CloudWatch Logs throttled %,d request(s) (the account's FilterLogEvents quota, shared with other callers): "
                            + "they were retried with backoff; lower --rate-limit, or ask AWS for a higher quota",
                    c.throttled()));
        }
        if (c.rateLimit() > 0 && waited > 1 && waited >= SLOW_SHARE * seconds) {
            out.add(String.format(
                    "the rate limit (%s requests/s) kept the run waiting %.1f s: raise --rate-limit if the account's FilterLogEvents "
                            + "quota allows, or narrow the window, --eni or --filter",
                    trim(c.rateLimit()), waited));
        }
        return out;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
