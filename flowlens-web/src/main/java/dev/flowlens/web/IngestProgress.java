package dev.flowlens.web;

import dev.flowlens.store.ingest.FileResult;
import dev.flowlens.store.ingest.IngestListener;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

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
        switch (r.status()) {
            case SKIPPED -> filesSkipped++;
            case FAILED -> filesFailed++;
            case LOADED, PARTIAL -> {}
        }
    }

    /** The figures now, as the API answers them. */
    synchronized Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", running);
        m.put("source", source);
        m.put("files", files);
        m.put("files_done", filesDone);
        m.put("files_skipped", filesSkipped);
        m.put("files_failed", filesFailed);
        m.put("records", records);
        m.put("bad_lines", badLines);
        m.put("seconds", source == null ? 0 : ((running ? clock.millis() : finishedAt) - startedAt) / 1000.0);
        return m;
    }
}
