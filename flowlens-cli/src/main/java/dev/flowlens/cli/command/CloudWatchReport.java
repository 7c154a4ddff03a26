package dev.flowlens.cli.command;

import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.sources.cloudwatch.CloudWatchSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static Map<String, Object> json(CloudWatchIngest.Result r) {
        CloudWatchSource.Counts c = r.requests();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("log_group", r.logGroup());
        m.put("streams", r.streams());
        m.put("format", r.format());
        m.put("format_source", r.formatSource());
        m.put("events_loaded", r.newEvents());
        m.put("events_loaded_before", r.loadedBefore());
        m.put("pages", c.pages());
        m.put("empty_pages", c.emptyPages());
        m.put("requests", c.requests());
        m.put("throttled", c.throttled());
        m.put("expired_token_restarts", c.tokenRestarts());
        m.put("rate_limit", c.rateLimit());
        m.put("rate_limit_wait_seconds", Math.round(c.waitedNanos() / 1e6) / 1000.0);
        m.put("polls", r.polls());
        m.put("journal_seconds", Math.round(r.timings().journal() / 1e6) / 1000.0);
        m.put("ingest_seconds", Math.round(r.timings().ingest() / 1e6) / 1000.0);
        m.put("prune_seconds", Math.round(r.timings().prune() / 1e6) / 1000.0);
        m.put("stopped", r.stopped());
        m.put("notes", messages(r));
        return m;
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
