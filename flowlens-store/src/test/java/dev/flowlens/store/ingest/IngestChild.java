package dev.flowlens.store.ingest;

import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real ingest in its own JVM, for {@link TestIngestKill}: {@code IngestChild DB THREADS PATH...}.
 * Prints {@code done <status> <path>} after each file so the test can kill it at a chosen moment.
 */
public final class IngestChild {
    private IngestChild() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        List<Path> paths = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            paths.add(Path.of(args[i]));
        }
        IngestListener listener = new IngestListener() {
            @Override
            public void fileDone(FileResult result) {
                synchronized (System.out) {
                    System.out.println("done " + result.status() + " " + result.path());
                    System.out.flush();
                }
            }
        };
        try (Workspace ws = Workspace.open(db)) {
            IngestSummary s = new Ingestor(ws, new IngestOptions(null, false, threads, 512), listener).ingest(paths);
            System.out.println("summary " + s.filesLoaded() + " " + s.filesSkipped() + " " + s.filesFailed() + " " + s.records());
        }
        System.exit(0);
    }
}
