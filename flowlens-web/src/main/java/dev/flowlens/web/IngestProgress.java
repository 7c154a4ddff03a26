package dev.flowlens.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flowlens.store.ingest.FileResult;
import dev.flowlens.store.ingest.IngestListener;
import java.time.Clock;

/**
 * The progress of the Load page's ingest ({@code GET /api/ingest/progress}): files listed and
 * done, records and bad lines committed, files skipped and failed, as the ingest reports each file
 * (a file's records count once its transaction commits). One ingest at a time; the last one's
 * figures stay until the next starts.
 */
final class IngestProgress implements IngestListener {
    private final Clock clock;
    private boolean running;
    private String source;
    private long startedAt;
    private long finishedAt;
    private int files = -1;
    private int filesDone;
    private int filesSkipped;
    private int filesFailed;
    private long records;
    private long badLines;

    IngestProgress(Clock clock) {
        this.clock = clock;
    }

    /** A new ingest of {@code source} (what the user gave: a path, an s3:// URL, the uploads). */
    synchronized void begin(String source) {
        this.source = source;
        running = true;
        startedAt = clock.millis();
        finishedAt = 0;
        files = -1;
        filesDone = 0;
        filesSkipped = 0;
        filesFailed = 0;
        records = 0;
        badLines = 0;
    }

    synchronized void end() {
        running = false;
        finishedAt = clock.millis();
    }

    @Override
    public synchronized void started(int files, long totalBytes) {
        // an s3:// run lists and loads location by location: the counts add up
        this.files = Math.max(this.files, 0) + files;
    }

    @Override
    public synchronized void fileDone(FileResult r) {
        filesDone++;
        records += r.records();
        badLines += r.badLines();
        filesSkipped += r.status() == FileResult.Status.SKIPPED ? 1 : 0;
        filesFailed += r.status() == FileResult.Status.FAILED ? 1 : 0;
    }

    /** The figures of the running or last load, as the API answers them. */
    record Snapshot(
            boolean running,
            String source,
            int files,
            @JsonProperty("files_done") int filesDone,
            @JsonProperty("files_skipped") int filesSkipped,
            @JsonProperty("files_failed") int filesFailed,
            long records,
            @JsonProperty("bad_lines") long badLines,
            double seconds) {}

    synchronized Snapshot snapshot() {
        long end = running ? clock.millis() : finishedAt;
        double seconds = source == null ? 0 : (end - startedAt) / 1000.0;
        return new Snapshot(running, source, files, filesDone, filesSkipped, filesFailed, records, badLines, seconds);
    }
}
