package dev.flowlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.filter.FilterText;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Port;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.sources.cloudwatch.RateLimiter;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.search.FlowRow;
import dev.flowlens.store.search.FlowSearch;
import dev.flowlens.store.search.SearchRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate limit and --follow of {@code ingest cloudwatch:}, on a fake ticker: the schedule of the
 * requests is checked in the ticker's time (no wall-clock timing decides the result), and every
 * request the server saw took a permit. --follow's polls are driven by a fake pause (no sleeps): it
 * prints each new record once, and with search's filters exactly the records search finds.
 */
class TestCloudWatchLimits {
    @TempDir
    Path tmp;

    @RegisterExtension
    final FakeAws aws = FakeAws.perTest();

    List<FakeAws.Event> events;

    /** Time that moves only when the limiter waits; records the time of each permit. */
    static final class FakeTicker implements RateLimiter.Ticker {
        long now = 1_000_000_000L;
        final List<Long> permits = new ArrayList<>();

        @Override
        public synchronized long nanos() {
            permits.add(now);
            return now;
        }

        @Override
        public synchronized void sleepNanos(long nanos) {
            now += nanos;
            permits.set(permits.size() - 1, now);
        }
    }

    @BeforeEach
    void start() throws Exception {
        events = CloudWatchFixture.demoEvents();
        aws.serveFlowLogs(CloudWatchFixture.demoFlowLog("ALL"));
    }

    private CloudWatchIngest ingest(FakeTicker ticker, double rate, boolean follow) {
        S3Options shared = new S3Options();
        shared.credentials.endpointUrl = aws.endpoint();
        shared.regions.add("us-east-1");
        CloudWatchOptions options = new CloudWatchOptions();
        options.rateLimit = rate;
        options.pageSize = 400;
        options.follow = follow;
        return new CloudWatchIngest(
                shared, options, Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC), ticker);
    }

    /** Runs the ingest of the group into {@code ws}, {@code committed} hearing of each committed batch. */
    private static CloudWatchIngest.Result load(
            CloudWatchIngest run, Workspace ws, CloudWatchLoader.Committed committed) throws Exception {
        return run.run(
                "cloudwatch:" + FakeAws.GROUP,
                ws,
                IngestOptions.defaults(),
                null,
                IngestListener.NONE,
                run.clientConfig(),
                committed);
    }

    @Test
    void everyRequestTakesAPermitAndPermitsAreSpacedByTheRate() throws Exception {
        aws.events.addAll(events);
        aws.emptyPagesBetween = 1;
        aws.fault("FilterLogEvents", 400, "ThrottlingException", 3);
        FakeTicker ticker = new FakeTicker();
        CloudWatchIngest run = ingest(ticker, 4.0, false);
        CloudWatchIngest.Result r;
        try (Workspace ws = Workspace.open(tmp.resolve("ws.db"))) {
            r = load(run, ws, null);
        }
        assertThat(r.newEvents()).isEqualTo(events.size());
        long logsRequests =
                aws.requests.stream().filter(q -> q.service().equals("logs")).count();
        assertThat(logsRequests).isGreaterThan(20);
        // every request the server saw, retries of throttled ones included, went through the limiter
        assertThat(ticker.permits).hasSize((int) logsRequests);
        assertThat(r.requests().requests()).isEqualTo(logsRequests);
        assertThat(r.requests().throttled()).isEqualTo(3);
        // at most 4 per second in any one-second window of the ticker's time
        for (int i = 4; i < ticker.permits.size(); i++) {
            assertThat(ticker.permits.get(i) - ticker.permits.get(i - 4))
                    .as("permits %d and %d", i - 4, i)
                    .isGreaterThanOrEqualTo(1_000_000_000L);
        }
        assertThat(r.requests().waitedNanos()).isEqualTo((logsRequests - 1) * 250_000_000L);
        assertThat(CloudWatchReport.messages(r))
                .anySatisfy(m -> assertThat(m).contains("the rate limit (4 requests/s) kept the run waiting"));
    }

    @Test
    void noLimitTakesNoWait() throws Exception {
        aws.events.addAll(events);
        FakeTicker ticker = new FakeTicker();
        CloudWatchIngest run = ingest(ticker, 0.0, false);
        try (Workspace ws = Workspace.open(tmp.resolve("ws.db"))) {
            CloudWatchIngest.Result r = load(run, ws, null);
            assertThat(r.requests().waitedNanos()).isZero();
            assertThat(r.newEvents()).isEqualTo(events.size());
        }
    }

    /** Runs --follow with two polls; the second half of the events arrives between them. */
    private CloudWatchIngest.Result follow(Workspace ws, FlowFilter filter, List<FlowRow> printed) throws Exception {
        int half = events.size() / 2;
        aws.events.addAll(events.subList(0, half));
        FakeTicker ticker = new FakeTicker();
        CloudWatchIngest run = ingest(ticker, 0.0, true);
        int[] polls = {0};
        run.pause = seconds -> {
            polls[0]++;
            if (polls[0] == 1) {
                synchronized (aws.events) {
                    aws.events.addAll(events.subList(half, events.size())); // arrive between two polls
                }
            }
            return polls[0] <= 2; // the third wait is Ctrl-C
        };
        return load(run, ws, new FollowPrinter(ws, filter, printed::add));
    }

    private static List<String> places(List<FlowRow> rows) {
        return rows.stream().map(r -> r.path() + ":" + r.line()).toList();
    }

    @Test
    void followLoadsAndPrintsEventsAsTheyArrive() throws Exception {
        List<FlowRow> printed = new ArrayList<>();
        CloudWatchIngest.Result r;
        try (Workspace ws = Workspace.open(tmp.resolve("ws.db"))) {
            r = follow(ws, FlowFilter.ANY, printed);
        }
        assertThat(r.polls()).isEqualTo(2);
        assertThat(r.newEvents()).isEqualTo(events.size());
        assertThat(printed).hasSize(events.size());
        assertThat(places(printed).stream().distinct().count()).isEqualTo(events.size());
        // the polls looked again at the last minutes: what was loaded already is not loaded twice
        assertThat(r.loadedBefore()).isPositive();
    }

    @Test
    void followPrintsTheRecordsThatSearchsFiltersMatch() throws Exception {
        // the demo's rejected traffic to the bastion's SSH port, as `search --dst 10.0.0.5 --port 22 --action reject`
        FlowFilter filter = new FilterText(
                        List.of(),
                        TimeWindow.ALL,
                        null,
                        null,
                        Cidr.parse("10.0.0.5"),
                        Port.parse("22"),
                        null,
                        null,
                        null,
                        "reject",
                        null)
                .toFilter();
        List<FlowRow> printed = new ArrayList<>();
        try (Workspace ws = Workspace.open(tmp.resolve("ws.db"))) {
            CloudWatchIngest.Result r = follow(ws, filter, printed);
            assertThat(r.newEvents()).isEqualTo(events.size());
            List<FlowRow> expected = new FlowSearch(ws.connection())
                    .search(new SearchRequest(filter, null, 100_000))
                    .rows();
            assertThat(expected).isNotEmpty().hasSizeLessThan(events.size() / 10);
            assertThat(places(printed)).containsExactlyInAnyOrderElementsOf(places(expected));
        }
        assertThat(printed).allSatisfy(row -> {
            assertThat(row.stringValue(FlowField.DSTADDR)).isEqualTo("10.0.0.5");
            assertThat(row.intValue(FlowField.DSTPORT)).isEqualTo(22);
            assertThat(row.stringValue(FlowField.ACTION)).isEqualTo("REJECT");
        });
    }
}
