package dev.flowlens.bench.web;

import dev.flowlens.store.FlowRollup;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.web.FlowlensApi;
import dev.flowlens.web.Overview;
import dev.flowlens.web.WebServer;
import dev.flowlens.web.WorkspaceAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The web benchmark (issue 13): {@code measure DB FROM TO BIN}: for every overview part, warm
 * timings in one run of the API call over HTTP (as the page makes it: the server opens the workspace
 * read-only for the request and closes it after) and of the same aggregate as plain SQL on a
 * connection that stays open; interleaved, medians, with the ratio. The two answers are first checked
 * to have the same number of rows. The cost of opening the workspace is printed on its own.
 */
public final class WebBench {
    static final int WARMUP = 2;
    static final int RUNS = 7;

    private WebBench() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[1]);
        long from = Long.parseLong(args[2]);
        long to = Long.parseLong(args[3]);
        long bin = Long.parseLong(args[4]);
        rollUp(db);
        // as 'flowlens serve' runs by default: the file stays open 1 s after the last request
        FlowlensApi api = new FlowlensApi(new WorkspaceAccess(db, Duration.ofMillis(1000)), null, Clock.systemUTC());
        HttpClient http = HttpClient.newHttpClient();
        try (WebServer server = WebServer.start(api, "127.0.0.1", 0, null)) {
            String base = "http://127.0.0.1:" + server.address().port() + "/api/overview/";
            firstTops(http, api, base, from, to);
            printHeader();
            double[] open = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long t = System.nanoTime();
                Workspace.openReadOnly(db).close();
                open[r] = (System.nanoTime() - t) / 1e6;
            }
            for (Overview.Part part : Overview.Part.values()) {
                String url = base + part.path() + "?from=" + from + "&to=" + to + "&bin=" + bin + "&limit=10";
                double[] apiMs = new double[RUNS];
                double[] openMs = new double[RUNS];
                double[] sqlMs = new double[RUNS];
                double[] recordsMs = new double[RUNS];
                String body = get(http, url);
                api.access().closeIfIdle();
                int apiRows = body.split("\\],\\[", -1).length;
                int sqlRows = plain(db, part, from, to, bin).rows().size();
                if (sqlRows > 0 && !body.contains("\"rows\":[[")) {
                    throw new IllegalStateException(
                            part.path() + ": the API answered no rows where SQL has " + sqlRows);
                }
                if (sqlRows > 1 && apiRows != sqlRows) {
                    throw new IllegalStateException(
                            part.path() + ": the API answered " + apiRows + " rows, SQL " + sqlRows);
                }
                // the API as a page uses it: calls close together share the server's opening of the file
                for (int r = -WARMUP; r < RUNS; r++) {
                    long t = System.nanoTime();
                    get(http, url);
                    if (r >= 0) {
                        apiMs[r] = (System.nanoTime() - t) / 1e6;
                    }
                }
                // the first call after a pause: the server opens the file for it
                for (int r = 0; r < RUNS; r++) {
                    api.access().closeIfIdle();
                    long t = System.nanoTime();
                    get(http, url);
                    openMs[r] = (System.nanoTime() - t) / 1e6;
                }
                api.access().closeIfIdle();
                // plain SQL on one open connection (DuckDB refuses a second configuration of one file in a
                // process, so only once the server has closed its own)
                try (Workspace ws = Workspace.openReadOnly(db)) {
                    for (int r = -WARMUP; r < RUNS; r++) {
                        long t = System.nanoTime();
                        Overview.runPlain(ws.connection(), part, from, to, bin, 10);
                        if (r >= 0) {
                            sqlMs[r] = (System.nanoTime() - t) / 1e6;
                        }
                        t = System.nanoTime();
                        Overview.runOverRecords(ws.connection(), part, from, to, bin, 10);
                        if (r >= 0) {
                            recordsMs[r] = (System.nanoTime() - t) / 1e6;
                        }
                    }
                }
                double am = median(apiMs);
                double sm = median(sqlMs);
                double rm = median(recordsMs);
                System.out.printf(
                        "%-22s %10.1f %12.1f %10.1f %10.1f %7.2f %7.2f%n",
                        part.path(), am, median(openMs), rm, sm, am / sm, rm / sm);
            }
            measureTops(http, base, api, db, from, to);
            System.out.printf("opening and closing the workspace read-only: median %.1f ms%n", median(open));
        }
    }

    /**
     * The first request for the address lists answers from the records and starts building the
     * server's sums (OverviewSums) in the background; the measurements wait for them.
     */
    private static void firstTops(HttpClient http, FlowlensApi api, String base, long from, long to) throws Exception {
        long t = System.nanoTime();
        get(http, base + "tops?from=" + from + "&to=" + to + "&limit=10");
        long answered = System.nanoTime();
        api.awaitOverviewSums();
        System.out.printf(
                "first /api/overview/tops: answered from the records in %.0f ms; the sums were built %.0f ms later%n",
                (answered - t) / 1e6, (System.nanoTime() - answered) / 1e6);
    }

    private static void printHeader() {
        System.out.printf(
                "%-22s %10s %12s %10s %10s %7s %7s   (ms, medians of %d runs: API over HTTP warm / opening the file"
                        + " first; the API's statement over the records, without the rollup, and plain SQL over flows,"
                        + " both on an open connection; ratios api/sql and records/sql)%n",
                "overview part", "api", "api+open", "records", "sql", "ratio", "before", RUNS);
    }

    /**
     * {@code /api/overview/tops} (the four address lists in one statement, as the page asks for
     * them) against the four parts' statements and the four plain SQL aggregates, one after the
     * other on an open connection.
     */
    private static void measureTops(HttpClient http, String base, FlowlensApi api, Path db, long from, long to)
            throws Exception {
        String url = base + "tops?from=" + from + "&to=" + to + "&limit=10";
        double[] apiMs = new double[RUNS];
        double[] recordsMs = new double[RUNS];
        double[] sqlMs = new double[RUNS];
        for (int r = -WARMUP; r < RUNS; r++) {
            long t = System.nanoTime();
            get(http, url);
            if (r >= 0) {
                apiMs[r] = (System.nanoTime() - t) / 1e6;
            }
        }
        api.access().closeIfIdle();
        List<Overview.Part> parts = List.of(
                Overview.Part.TALKERS,
                Overview.Part.PAIRS,
                Overview.Part.REJECTED_SOURCES,
                Overview.Part.REJECTED_DESTINATIONS);
        try (Workspace ws = Workspace.openReadOnly(db)) {
            for (int r = -WARMUP; r < RUNS; r++) {
                long t = System.nanoTime();
                for (Overview.Part part : parts) {
                    Overview.runPlain(ws.connection(), part, from, to, 0, 10);
                }
                long t2 = System.nanoTime();
                for (Overview.Part part : parts) {
                    Overview.runOverRecords(ws.connection(), part, from, to, 0, 10);
                }
                if (r >= 0) {
                    sqlMs[r] = (t2 - t) / 1e6;
                    recordsMs[r] = (System.nanoTime() - t2) / 1e6;
                }
            }
        }
        double am = median(apiMs);
        double sm = median(sqlMs);
        double rm = median(recordsMs);
        System.out.printf(
                "%-22s %10.1f %12s %10.1f %10.1f %7.2f %7.2f   (the four address lists: one request against the four"
                        + " parts' statements and the four plain aggregates, in a row)%n",
                "tops", am, "-", rm, sm, am / sm, rm / sm);
    }

    /**
     * The benchmark's workspace is built in SQL, not by the ingest: its rollup is built here once
     * (timed: what the ingest's rollup statements cost over all the records in one go).
     */
    private static void rollUp(Path db) throws SQLException {
        long t = System.nanoTime();
        // opening for writing builds the rollup of a workspace that never had one (or had another layout)
        try (Workspace ws = Workspace.open(db)) {
            if (FlowRollup.current(ws.connection())) {
                return;
            }
            FlowRollup.rebuild(ws.connection());
        }
        System.out.printf("rollup built over every record in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static QueryResult plain(Path db, Overview.Part part, long from, long to, long bin) throws SQLException {
        try (Workspace ws = Workspace.openReadOnly(db)) {
            return Overview.runPlain(ws.connection(), part, from, to, bin, 10);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
