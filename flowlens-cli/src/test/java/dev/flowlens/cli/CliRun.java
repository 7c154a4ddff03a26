package dev.flowlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code flowlens} command line in process, as the tests of every command do. */
public final class CliRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CliRun() {
    }

    /** What a run gives back: the exit code and what was printed to stdout and stderr. */
    public record Result(int code, String out, String err) {
        /** stdout read as JSON. */
        public JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        int code = FlowlensCli.commandLine(outWriter, errWriter).execute(args);
        outWriter.flush();
        errWriter.flush();
        return new Result(code, out.toString(), err.toString());
    }
}
