package dev.flowlens.cli.command;

import dev.flowlens.options.Converters;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;

/**
 * {@code ingest s3://} with a window in its own JVM, one loader thread, for the S3 kill test:
 * {@code S3IngestChild DB ENDPOINT LOCATION FROM TO GROUP_RECORDS POINT N MODE}. The loader prints
 * {@code at POINT N} when it reaches {@code POINT} for the {@code N}th time; in mode {@code pause}
 * it then stops there for good (the test kills the process at that moment), in mode {@code go} it
 * carries on (the kill lands in the step after the point, e.g. inside the commit). POINT
 * {@code none} runs to the end and prints {@code summary LOADED RECORDS}.
 */
public final class S3IngestChild {
    private S3IngestChild() {}

    public static void main(String[] args) throws Exception {
        S3Options options = new S3Options();
        CommandLine line = new CommandLine(options);
        Converters.register(line);
        line.parseArgs(
                "--endpoint-url",
                args[1],
                "--bucket-region",
                "us-east-1",
                "--from",
                args[3],
                "--to",
                args[4],
                "--parallel",
                "4");
        long groupRecords = Long.parseLong(args[5]);
        String point = args[6];
        int nth = Integer.parseInt(args[7]);
        boolean pause = args[8].equals("pause");
        int[] seen = {0};
        IngestListener listener = new IngestListener() {
            @Override
            public void reached(Point reached) {
                if (!reached.name().equals(point) || ++seen[0] != nth) {
                    return;
                }
                System.out.println("at " + point + " " + nth);
                System.out.flush();
                while (pause) {
                    LockSupport.park(); // only the kill ends this thread
                }
            }
        };
        try (S3Ingest ingest = new S3Ingest(options, List.of(), Clock.systemUTC());
                Workspace ws = Workspace.open(Path.of(args[0]))) {
            S3Ingest.Result r = ingest.run(
                    List.of(args[2]),
                    ws,
                    new IngestOptions(null, false, 1, 512, groupRecords),
                    listener,
                    ingest.clientConfig());
            System.out.println(
                    "summary " + r.summary().filesLoaded() + " " + r.summary().records());
        }
        System.exit(0);
    }
}
