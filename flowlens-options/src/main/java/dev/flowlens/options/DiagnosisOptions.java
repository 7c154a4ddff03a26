package dev.flowlens.options;

import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Port;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code diagnose} asks about, the same in {@code flowlens diagnose} and {@code flowlens spark
 * diagnose}: {@code --src}, {@code --dst}, {@code --port}, {@code --protocol}, {@code --from/--to}
 * and {@code -o text|json}.
 * Use with {@code @Mixin} and call {@link #request(Clock)}.
 */
public final class DiagnosisOptions {
    /** How the diagnosis is printed. */
    public enum Output {
        TEXT,
        JSON
    }

    @Option(
            names = "--src",
            paramLabel = "ADDR|CIDR",
            description = "The client address or block (default: any client).")
    Cidr src;

    @Option(names = "--dst", paramLabel = "ADDR|CIDR", required = true, description = "The server address or block.")
    Cidr dst;

    @Option(names = "--port", paramLabel = "N", description = "The server port (default: any).")
    Port port;

    @Option(names = "--protocol", paramLabel = "P", description = "tcp, udp, icmp, icmpv6 or a number (default: any).")
    String protocol;

    @Mixin
    TimeWindowOptions time;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "text or json (default: text).")
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
