package dev.flowlens.options;

import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Port;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code diagnose} asks about, the same in {@code flowlens diagnose} and {@code flowlens spark
 * diagnose}: {@code --src}, {@code --dst}, {@code --port}, {@code --protocol}, {@code --from/--to}
 * and {@code -o text|json}.
 * Use with {@code @Mixin} and call {@link #request(Clock)}.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class DiagnosisOptions {
    /** How the diagnosis is printed. */
    public enum Output {
        TEXT,
        JSON
    }

    @Option(names = "--src", paramLabel = "ADDR|CIDR", descriptionKey = "diagnosis.src")
    Cidr src;

    @Option(names = "--dst", paramLabel = "ADDR|CIDR", required = true, descriptionKey = "diagnosis.dst")
    Cidr dst;

    @Option(names = "--port", paramLabel = "N", descriptionKey = "diagnosis.port")
    Port port;

    @Option(names = "--protocol", paramLabel = "P", descriptionKey = "diagnosis.protocol")
    String protocol;

    @Mixin
    TimeWindowOptions time;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            descriptionKey = "diagnosis.output")
    public Output output = Output.TEXT;

    /** The request the options describe; relative times count back from {@code clock}. */
    public DiagnosisRequest request(Clock clock) {
        TimeWindow window = time.window(clock);
        return new DiagnosisRequest(
                src,
                dst,
                Port.numberOf(port),
                protocol == null ? null : Protocols.parse(protocol),
                window.from(),
                window.to());
    }
}
