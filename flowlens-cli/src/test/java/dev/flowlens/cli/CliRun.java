package dev.flowlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code flowlens} command line in process, as the tests of every command do. */
public final class CliRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CliRun() {}

    /** What a run gives back: the exit code and what was printed to stdout and stderr. */
    public record Result(int code, String out, String err) {
        /** stdout read as JSON. */
        public JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    /** The header of the default v2 format, for test files. */
    public static final String V2_HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    /** A workspace {@code dir/ws.db} holding the given default-format records (one file, with a header). */
    public static java.nio.file.Path workspaceOf(java.nio.file.Path dir, String... records) throws IOException {
        java.nio.file.Path file = dir.resolve("f.log");
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(V2_HEADER);
        lines.addAll(java.util.List.of(records));
        java.nio.file.Files.write(file, lines);
        java.nio.file.Path db = dir.resolve("ws.db");
        Result r = run("ingest", "--db", db.toString(), file.toString());
        if (r.code() != 0) {
            throw new AssertionError("ingest of the test records failed: " + r.err());
        }
        return db;
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
