package dev.flowlens.store.ingest;

import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real ingest in its own JVM, for {@link TestIngestKill}:
 * {@code IngestChild DB THREADS GROUP_RECORDS POINT N MODE PATH...}. When the ingest reaches
 * {@code POINT} for the {@code N}th time it prints {@code at POINT N}; in mode {@code pause} that
 * thread and every thread that reaches any point afterwards then wait forever, so the test kills
 * the process at exactly that moment; in mode {@code go} it carries on (the kill lands while the
 * step after the point runs, for example inside the commit). POINT {@code none} runs to the end.
 */
public final class IngestChild {
    private IngestChild() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long groupRecords = Long.parseLong(args[2]);
        String stopAt = args[3];
        int nth = Integer.parseInt(args[4]);
        boolean pause = args[5].equals("pause");
        List<Path> paths = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            paths.add(Path.of(args[i]));
        }
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        Object[] paused = {Boolean.FALSE};
        IngestListener listener = new IngestListener() {
            @Override
            public void fileDone(FileResult result) {
                synchronized (System.out) {
                    System.out.println("done " + result.status() + " " + result.path());
                    System.out.flush();
                }
            }

            @Override
            public void reached(Point point) {
                boolean stop;
                synchronized (paused) {
                    if (paused[0] == Boolean.TRUE) {
                        stop = true;
                    } else if (point.name().equals(stopAt) && seen.incrementAndGet() == nth) {
                        synchronized (System.out) {
                            System.out.println("at " + point + " " + nth);
                            System.out.flush();
                        }
                        paused[0] = pause;
                        stop = pause;
                    } else {
                        stop = false;
                    }
                }
                while (stop) {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        // keep waiting: only the kill ends this process
                    }
                }
            }
        };
        try (Workspace ws = Workspace.open(db)) {
            IngestSummary s = new Ingestor(ws, new IngestOptions(null, false, threads, 512, groupRecords), listener)
                    .ingest(paths);
            System.out.println(
                    "summary " + s.filesLoaded() + " " + s.filesSkipped() + " " + s.filesFailed() + " " + s.records());
        }
        System.exit(0);
    }
}
