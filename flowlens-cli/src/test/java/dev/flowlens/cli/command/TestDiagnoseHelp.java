package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.core.diagnosis.Verdict;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code diagnose --help} lists the verdicts from the enum, so a new verdict appears there without an edit. */
class TestDiagnoseHelp {
    @Test
    void helpListsEveryVerdictInOrder() {
        Result r = run("diagnose", "--help");
        assertThat(r.code()).isZero();
        String all = String.join(
                ", ", Arrays.stream(Verdict.values()).map(Verdict::name).toList());
        // the help wraps lines: compare with the white space folded
        assertThat(r.out().replaceAll("\\s+", " ")).contains("Verdicts: " + all + ".");
    }
}
