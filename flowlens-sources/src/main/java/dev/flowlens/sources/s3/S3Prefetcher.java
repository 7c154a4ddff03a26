package dev.flowlens.sources.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Fetches small objects ahead of the ingest, in the order it reads them, on a bounded pool: the
 * per-object latency of S3 hides behind the parsing of earlier objects. The bodies held in memory
 * are bounded by {@link #BUDGET_KB}; an object the ingest opens before its fetch started is
 * streamed by the ingest itself (the fetch is cancelled), so nothing waits for memory it holds.
 */
final class S3Prefetcher implements AutoCloseable {
    /** Objects up to this size are fetched ahead whole. */
    static final long MAX_OBJECT = 8L << 20;
    /** Bytes of bodies fetched ahead and not yet read, in KB. */
    static final int BUDGET_KB = 96 << 10;

    private final S3Source source;
    private final ExecutorService pool;
    private final Semaphore budget = new Semaphore(BUDGET_KB, true);

    S3Prefetcher(S3Source source, int threads) {
        this.source = source;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flowlens-s3-fetch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts fetching the small objects of {@code files}, in their order. */
    void fetchAhead(List<S3InputFile> files) {
        for (S3InputFile f : files) {
            if (f.length() <= MAX_OBJECT) {
                Ahead a = new Ahead(f, (int) Math.max(1, (f.length() + 1023) >> 10));
                f.fetchAhead(a);
                pool.execute(a::run);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One object's fetch ahead: queued, running, done (a body or a failure), or cancelled. */
    final class Ahead {
        private final S3InputFile file;
        private final int kb;
        private boolean started;
        private boolean cancelled;
        private boolean done;
        private byte[] body;

        Ahead(S3InputFile file, int kb) {
            this.file = file;
            this.kb = kb;
        }

        void run() {
            try {
                budget.acquire(kb);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                if (cancelled) {
                    budget.release(kb);
                    return;
                }
                started = true;
            }
            byte[] b = null;
            try (InputStream in = source.stream(file.key(), file.version(), file.length())) {
                b = in.readAllBytes();
            } catch (IOException | RuntimeException e) {
                // the ingest opens the object itself and reports what fails then
            }
            synchronized (this) {
                body = b;
                done = true;
                if (b == null) {
                    budget.release(kb);
                }
                notifyAll();
            }
        }

        /**
         * The body when it was fetched (waiting while the fetch runs); null when it was not started
         * (then never is) or failed: the caller streams the object itself.
         */
        synchronized byte[] take() throws IOException {
            if (!started) {
                cancelled = true;
                return null;
            }
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while fetching " + file.location(), e);
                }
            }
            byte[] b = body;
            if (b != null) {
                body = null;
                budget.release(kb);
            }
            return b;
        }
    }
}
