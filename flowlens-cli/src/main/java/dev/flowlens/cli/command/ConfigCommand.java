package dev.flowlens.cli.command;

import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.options.DiagnosisOptions;
import dev.flowlens.sources.awsconfig.AwsConfigReader;
import dev.flowlens.sources.awsconfig.LiveConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlens config fetch --out DIR}: the account's configuration saved for {@code diagnose --config DIR}. */
@Command(
        name = "config",
        description = "The AWS network configuration the diagnosis reads.",
        subcommands = ConfigCommand.Fetch.class)
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "fetch",
            description = {
                "Reads the security groups, network ACLs, network interfaces and flow logs of the account and region",
                "(ec2:DescribeSecurityGroups, DescribeNetworkAcls, DescribeNetworkInterfaces, DescribeFlowLogs) and saves them",
                "as the AWS CLI prints them, for 'diagnose --config DIR' offline."
            })
    static final class Fetch implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "DIR", required = true)
        Path out;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FORMAT",
                descriptionKey = "config.output")
        DiagnosisOptions.Output output = DiagnosisOptions.Output.TEXT;

        @Mixin
        AwsOptions aws;

        @Spec
        CommandSpec spec;

        /** What {@code config fetch --output json} prints: the folder, the files written, and the resources per kind. */
        record Fetched(String out, List<String> files, Map<String, Integer> counts) {}

        @Override
        public Integer call() {
            List<AwsConfigReader.Document> documents;
            try (LiveConfig live = new LiveConfig(aws.clientConfig())) {
                documents = live.fetch();
            }
            List<Path> written = LiveConfig.save(documents, out);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (AwsConfigReader.Document d : documents) {
                d.root()
                        .properties()
                        .forEach(e -> counts.put(e.getKey(), e.getValue().size()));
            }
            PrintWriter w = spec.commandLine().getOut();
            if (output == DiagnosisOptions.Output.JSON) {
                new Printer(w)
                        .printJson(new Fetched(
                                out.toAbsolutePath().toString(),
                                written.stream()
                                        .map(p -> p.getFileName().toString())
                                        .toList(),
                                counts));
            } else {
                counts.forEach((k, v) -> w.printf("%-18s %,d%n", k, v));
                w.println("Saved to " + TerminalText.escape(out.toAbsolutePath().toString())
                        + ": use diagnose --config " + TerminalText.escape(out.toString()));
            }
            w.flush();
            return 0;
        }
    }
}
