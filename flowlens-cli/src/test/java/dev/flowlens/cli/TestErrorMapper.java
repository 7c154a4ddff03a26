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
    /**
     * Codes as a new module may declare them. Usually an enum; a record here, so that the mapper is
     * shown to read nothing but {@link ErrorCodeSupplier#name()} and {@link ErrorCodeSupplier#type()}.
     */
    record ModuleCode(String name, ErrorType type) implements ErrorCodeSupplier {
        static final ModuleCode BUCKET_MISSING = new ModuleCode("BUCKET_MISSING", ErrorType.FAILURE);
        static final ModuleCode BAD_BUCKET_NAME = new ModuleCode("BAD_BUCKET_NAME", ErrorType.USAGE);
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
