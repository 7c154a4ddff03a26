package dev.flowlens.options;

import dev.flowlens.core.demo.DemoFiles;
import dev.flowlens.core.demo.DemoVpc;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code --dir} and {@code --seed} of {@code flowlens demo} and {@code flowlens spark demo}: where
 * the demo VPC's flow logs go and the generator's seed; {@link #write} writes them and says so.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class DemoLogsOptions {
    @Option(names = "--dir", paramLabel = "DIR")
    Path dir = Path.of("demo-flowlogs");

    @Option(names = "--seed", paramLabel = "N")
    long seed = 42;

    /** The folder of the logs. */
    public Path dir() {
        return dir;
    }

    /** Writes the demo's flow logs (see {@link DemoFiles}) and prints what it wrote on {@code out}. */
    public DemoFiles.Written write(PrintWriter out) throws IOException {
        DemoFiles.Written written = DemoFiles.write(new DemoVpc(seed), dir);
        out.printf(
                "Wrote %d files (%,d records) of the demo VPC %s to %s%n",
                written.files(), written.records(), DemoVpc.VPC, dir.toAbsolutePath());
        return written;
    }
}
