package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.error.ErrorCodeSupplier;
import dev.flowlens.core.error.ErrorType;
import dev.flowlens.core.error.FlowlensException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A module's own error codes reach the exit code and the message through the one mapper, unedited. */
class TestErrorMapper {
    /** Codes as a new module would declare them. */
    enum ModuleCode implements ErrorCodeSupplier {
        BUCKET_MISSING(ErrorType.FAILURE),
        BAD_BUCKET_NAME(ErrorType.USAGE);

        private final ErrorType type;

        ModuleCode(ErrorType type) {
            this.type = type;
        }

        @Override
        public ErrorType type() {
            return type;
        }
    }

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        ModuleCode code;

        @Override
        public Integer call() {
            throw new FlowlensException(code, "the bucket says no");
        }
    }

    private static String[] run(ModuleCode code) {
        Probe p = new Probe();
        p.code = code;
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(p);
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new ErrorMapper());
        return new String[] {String.valueOf(cl.execute()), err.toString()};
    }

    @Test
    void moduleCodesMapByTheirType() {
        assertThat(run(ModuleCode.BUCKET_MISSING))
                .containsExactly("1", "flowlens: the bucket says no [BUCKET_MISSING]" + System.lineSeparator());
        assertThat(run(ModuleCode.BAD_BUCKET_NAME)[0]).isEqualTo("2");
        assertThat(ErrorMapper.exitCode(ModuleCode.BAD_BUCKET_NAME)).isEqualTo(ErrorMapper.EXIT_USAGE);
    }
}
