package dev.flowlens.spark;

import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisDocument;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.options.DiagnosisOptions;
import dev.flowlens.sources.awsconfig.AwsConfigReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "diagnose",
        description = {"Is it the network? The verdict of flowlens diagnose, over the lake: the same options and JSON."
        })
public final class SparkDiagnoseCommand extends OnLakeCommand {
    @Mixin
    DiagnosisOptions target;

    @Option(names = "--config", paramLabel = "DIR")
    Path config;

    @Override
    protected int run(PrintWriter out) throws Exception {
        DiagnosisRequest request = request();
        NetworkConfig rules = config == null ? NetworkConfig.EMPTY : new AwsConfigReader().read(config);
        Lake l = lake.open();
        Diagnosis d = new LakeDiagnosis(l.flows(), l.paths()).diagnose(request, rules, clock);
        if (target.output == DiagnosisOptions.Output.JSON) {
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
        return 0;
    }

    /** The request, checked as {@code flowlens diagnose} checks it. */
    DiagnosisRequest request() {
        return target.request(clock);
    }
}
