package dev.flowlens.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM running a test's main class on the test class path: for tests that kill or race a
 * process. Its {@code java.io.tmpdir} is the test's temporary folder: DuckDB's JDBC driver copies its
 * 70 MB native library there at every start and deletes it only on a normal exit, so the copy a
 * killed child leaves goes with the folder.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** {@code java -Xmx<heap> -Djava.io.tmpdir=<tmp> -cp <the test class path> <main> <args>}, not started. */
    public static ProcessBuilder of(Path tmp, String heap, Class<?> main, String... args) {
        return of(tmp, List.of("-Xmx" + heap), main, List.of(args));
    }

    /** {@code java <jvmOptions> -Djava.io.tmpdir=<tmp> -cp <the test class path> <main> <args>}, not started. */
    public static ProcessBuilder of(Path tmp, List<String> jvmOptions, Class<?> main, List<String> args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp.toAbsolutePath(), "-cp", cp, main.getName()));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /**
     * The lines the child prints, read to its end; when a line equals {@code killAt} (null for
     * none) the child is killed at once (SIGKILL) and that line is the last.
     */
    public static List<String> output(Process p, String killAt) throws IOException {
        List<String> output = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.equals(killAt)) {
                    p.destroyForcibly();
                    break;
                }
            }
        }
        return output;
    }

    /**
     * Starts a child that prints {@code at POINT NTH} when it reaches a point of its work (standard
     * error merged into its output) and kills it there; with the point {@code none}, lets it finish
     * and expects exit code 0. Fails when the child does not reach the point; returns its lines.
     */
    public static List<String> killAt(ProcessBuilder child, String point, int nth)
            throws IOException, InterruptedException {
        Process p = child.redirectErrorStream(true).start();
        String mark = "at " + point + " " + nth;
        List<String> output = output(p, mark);
        p.waitFor();
        if (point.equals("none")) {
            assertThat(p.exitValue()).as(String.join("\n", output)).isZero();
        } else {
            assertThat(output)
                    .as("the child reached %s #%d:%n%s", point, nth, String.join("\n", output))
                    .contains(mark);
        }
        return output;
    }
}
