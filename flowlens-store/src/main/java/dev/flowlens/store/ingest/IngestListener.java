package dev.flowlens.store.ingest;

/** Hears about progress; called from worker threads. */
public interface IngestListener {
    IngestListener NONE = new IngestListener() {
    };

    default void started(int files, long totalBytes) {
    }

    default void fileDone(FileResult result) {
    }
}
