package dev.flowlens.store.ingest;

/** Hears about progress; called from worker threads. */
public interface IngestListener {
    IngestListener NONE = new IngestListener() {};

    /** The moments of an ingest a listener can observe, in the order one file passes them. */
    enum Point {
        /** The paths were expanded into the list of files to read. */
        LISTED,
        /** A file is about to be read inside its transaction. */
        FILE_STARTED,
        /** A batch of parsed records was handed to the store (buffered or written into the open transaction). */
        BATCH_READ,
        /** A transaction (one file, or a group of whole files) is about to commit. */
        COMMITTING,
        /** That transaction committed. */
        COMMITTED,
        /** Every file is done; the summary is about to be returned. */
        FINISHED
    }

    default void started(int files, long totalBytes) {}

    default void fileDone(FileResult result) {}

    /** The ingest reached {@code point}; the caller's thread waits until this returns. */
    default void reached(Point point) {}
}
