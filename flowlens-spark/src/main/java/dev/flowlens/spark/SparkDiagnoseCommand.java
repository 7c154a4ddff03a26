package dev.flowlens.spark;

import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisDocument;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.time.TimeParser;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.sources.awsconfig.AwsConfigReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {"Is it the network? The verdict of flowlens diagnose, over the lake: the same options and JSON."
        })
public final class SparkDiagnoseCommand implements Callable<Integer> {
    /** How the diagnosis is printed. */
    public enum Output {
        TEXT,
        JSON
    }

    @Mixin
    LakeOptions lake;

    @Option(
            names = "--src",
            paramLabel = "ADDR|CIDR",
            description = "The client address or block (default: any client).")
    String src;

    @Option(names = "--dst", paramLabel = "ADDR|CIDR", required = true, description = "The server address or block.")
    String dst;

    @Option(names = "--port", paramLabel = "N", description = "The server port (default: any).")
    String port;

    @Option(names = "--protocol", paramLabel = "P", description = "tcp, udp, icmp, icmpv6 or a number (default: any).")
    String protocol;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Start of the window: ISO-8601, epoch seconds or relative (-2h).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the window.")
    String to;

    @Option(
            names = "--config",
            paramLabel = "DIR",
            description =
                    "Folder with the JSON of aws ec2 describe-security-groups, describe-network-acls, describe-network-interfaces.")
    Path config;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "text or json (default: text).")
    Output output = Output.TEXT;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        DiagnosisRequest request = request();
        NetworkConfig rules = config == null ? NetworkConfig.EMPTY : new AwsConfigReader().read(config);
        SparkSession spark = Sessions.open(lake.master);
        Lake l = Lake.open(spark, lake.lake);
        Diagnosis d = new LakeDiagnosis(l.flows(), l.paths()).diagnose(request, rules, clock);
        PrintWriter out = spec.commandLine().getOut();
        if (output == Output.JSON) {
            out.println(Json.indented(DiagnosisDocument.of(d)));
        } else {
            out.println(d.verdict().name());
            out.println(d.summary());
            out.println();
            out.println("Likely causes:");
            for (int i = 0; i < d.causes().size(); i++) {
                out.println("  " + (i + 1) + ". " + d.causes().get(i));
            }
            out.println();
            out.println("Coverage:");
            for (String n : d.coverage().notes()) {
                out.println("  - " + n);
            }
            out.println();
            out.println("(--output json lists the attempts and the evidence)");
        }
        out.flush();
        return 0;
    }

    /** The request, checked as {@code flowlens diagnose} checks it. */
    DiagnosisRequest request() {
        TimeWindow window = new TimeParser(clock).parseWindow(from, to);
        Integer p = null;
        if (port != null) {
            try {
                p = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0 || p > 65535) {
                throw new FlowlensException(
                        ErrorCode.INVALID_PORT, "--port '" + port + "' is not a port: use a number 0-65535");
            }
        }
        return new DiagnosisRequest(
                src == null ? null : Cidr.parse(src),
                Cidr.parse(dst),
                p,
                protocol == null ? null : Protocols.parse(protocol),
                window.from(),
                window.to());
    }
}
