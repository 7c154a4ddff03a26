package dev.flowlens.cli.command;

import dev.flowlens.sources.cloudwatch.CloudWatchEvent;
import dev.flowlens.sources.cloudwatch.CloudWatchInput;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.CloudWatchEvents;
import dev.flowlens.store.ingest.FileResult;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Leaves out the events the workspace or the run holds already (by event id), gathers the new ones
 * of many pages and hands them to the {@link Ingestor} as one input per page, each committed with its
 * event ids ({@link CloudWatchEvents}). Pages go in groups of {@link CloudWatchIngest#FLUSH_INPUTS}
 * pages or {@link CloudWatchIngest#FLUSH_EVENTS} events. With {@code inBackground}, batches are
 * ingested on a thread of its own while the next pages are fetched, one batch at a time, in page
 * order: a closed group is handed over at once when the ingest is idle, else it waits for the next
 * groups and they go together, up to {@link CloudWatchIngest#MAX_BATCH_EVENTS} events (then the
 * fetching waits). So a run fetched slowly (under the rate limit) commits small batches as it goes
 * and ends soon after its last page, and a fast one commits few large batches. Without it, each group
 * is ingested in turn.
 */
final class CloudWatchLoader implements AutoCloseable {
    /** Hears of the inputs that were committed, after each batch (in --follow: prints their records). */
    interface Committed {
        void inputs(List<String> locations) throws SQLException;
    }

    private final Workspace ws;
    private final String group;
    private final IngestOptions options;
    private final IngestListener listener;
    private final Committed committed;
    private final CloudWatchEvents journal;
    private final ExecutorService ingester;
    private final Set<String> seen = new HashSet<>();
    private final Gathering pending = new Gathering();
    private Future<?> inFlight;
    private IngestSummary total;
    private long known;
    private long added;
    private long newest = Long.MIN_VALUE;
    private long lookupNanos;
    private long ingestNanos;
    private long pruneNanos;

    CloudWatchLoader(
            Workspace ws,
            String group,
            IngestOptions options,
            IngestListener listener,
            Committed committed,
            boolean inBackground) {
        this.ws = ws;
        this.group = group;
        this.options = options;
        this.listener = listener;
        this.committed = committed;
        this.journal = new CloudWatchEvents(ws.connection());
        this.ingester = inBackground
                ? Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "flowlens-cloudwatch-ingest");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /**
     * Learns which events of the window the workspace holds (after dropping those of inputs removed
     * since). Call when no batch is in flight ({@link #finish()}).
     */
    void start(Long fromMs, Long toMs) throws SQLException {
        long t0 = System.nanoTime();
        journal.prune();
        long t1 = System.nanoTime();
        seen.addAll(journal.known(group, fromMs, toMs));
        pruneNanos += t1 - t0;
        lookupNanos += System.nanoTime() - t1;
    }

    /**
     * A page's events that the workspace and this run do not hold yet, as an input (null: none);
     * called by one thread at a time (the fetching one while it runs).
     */
    CloudWatchInput select(List<CloudWatchEvent> events) {
        List<CloudWatchEvent> fresh = new ArrayList<>(events.size());
        for (CloudWatchEvent e : events) {
            if (seen.add(e.eventId())) {
                fresh.add(e);
            } else {
                known++;
            }
        }
        return fresh.isEmpty() ? null : new CloudWatchInput(group, fresh);
    }

    /** Gathers an input (null: nothing), handing the gathered groups to the ingest as described above. */
    void gather(CloudWatchInput input) {
        if (input == null) {
            return;
        }
        if (!pending.add(input)) {
            return;
        }
        boolean idle = inFlight == null || inFlight.isDone();
        if (ingester == null || idle || pending.isFull()) {
            try {
                flush();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Hands the gathered inputs to the ingest (after the batch in flight is done). */
    void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<CloudWatchInput> batch = pending.take();
        awaitInFlight();
        if (ingester == null) {
            ingest(batch);
        } else {
            inFlight = ingester.submit(() -> {
                ingest(batch);
                return null;
            });
        }
    }

    /** The inputs gathered since the last flush, and how far the open group has come. */
    private static final class Gathering {
        private final List<CloudWatchInput> inputs = new ArrayList<>();
        private int events;
        /** The pages and events of the open group (those gathered since the last group closed). */
        private int groupInputs;

        private int groupEvents;

        /** Adds an input; true when it closes the open group ({@code FLUSH_INPUTS} pages or {@code FLUSH_EVENTS} events). */
        boolean add(CloudWatchInput input) {
            inputs.add(input);
            events += input.size();
            groupInputs++;
            groupEvents += input.size();
            boolean closes =
                    groupInputs >= CloudWatchIngest.FLUSH_INPUTS || groupEvents >= CloudWatchIngest.FLUSH_EVENTS;
            if (closes) {
                groupInputs = 0;
                groupEvents = 0;
            }
            return closes;
        }

        /** Whether a batch this large goes to the ingest without waiting for the one in flight. */
        boolean isFull() {
            return events >= CloudWatchIngest.MAX_BATCH_EVENTS || inputs.size() >= CloudWatchIngest.MAX_BATCH_INPUTS;
        }

        boolean isEmpty() {
            return inputs.isEmpty();
        }

        /** The gathered inputs, in order, leaving nothing gathered and no group open. */
        List<CloudWatchInput> take() {
            List<CloudWatchInput> batch = List.copyOf(inputs);
            inputs.clear();
            events = 0;
            groupInputs = 0;
            groupEvents = 0;
            return batch;
        }
    }

    /** Ingests what is gathered and waits until every batch is committed. */
    void finish() throws SQLException {
        flush();
        awaitInFlight();
    }

    private void awaitInFlight() throws SQLException {
        if (inFlight == null) {
            return;
        }
        Future<?> f = inFlight;
        inFlight = null;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the pages in hand were committed", e);
        } catch (ExecutionException e) {
            try {
                rethrow(e.getCause(), "ingesting failed");
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ie);
            }
        }
    }

    /**
     * Throws another thread's failure (null: none) as itself: SQL failures, interruptions, unchecked
     * exceptions and errors; anything else wrapped, saying {@code what} failed.
     */
    static void rethrow(Throwable t, String what) throws SQLException, InterruptedException {
        if (t instanceof SQLException se) {
            throw se;
        }
        if (t instanceof InterruptedException ie) {
            throw ie;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(what, t);
        }
    }

    /** Ingests one batch; each input's event ids are written in the transaction that commits it. */
    private void ingest(List<CloudWatchInput> batch) throws SQLException {
        long t0 = System.nanoTime();
        IngestSummary s = new Ingestor(ws, options, listener, journal).ingestInputs(new ArrayList<InputFile>(batch));
        ingestNanos += System.nanoTime() - t0;
        Set<String> failed = new HashSet<>();
        for (FileResult f : s.failures()) {
            if (f.status() == FileResult.Status.FAILED) {
                failed.add(f.path());
            }
        }
        List<String> done = new ArrayList<>(batch.size());
        for (CloudWatchInput in : batch) {
            if (failed.contains(in.location())) {
                continue;
            }
            done.add(in.location());
            added += in.size();
            newest = Math.max(newest, in.newestTimestamp());
        }
        total = total == null ? s : total.plus(s);
        if (committed != null && !done.isEmpty()) {
            committed.inputs(done);
        }
    }

    /** The ingest's summary over every batch; after {@link #finish()}. */
    IngestSummary total() {
        return total == null ? IngestSummary.EMPTY : total;
    }

    /** Events left out because the workspace or this run held them. */
    long known() {
        return known;
    }

    /** Events committed. */
    long added() {
        return added;
    }

    /** The time of the newest event committed (epoch ms), or {@link Long#MIN_VALUE}. */
    long newest() {
        return newest;
    }

    CloudWatchIngest.Timings timings() {
        return new CloudWatchIngest.Timings(lookupNanos, ingestNanos, pruneNanos);
    }

    /** Waits for the batch in flight (its inputs commit or fail whole), then stops the ingest thread. */
    @Override
    public void close() throws SQLException {
        try {
            awaitInFlight();
        } finally {
            if (ingester != null) {
                ingester.shutdownNow();
            }
        }
    }
}
