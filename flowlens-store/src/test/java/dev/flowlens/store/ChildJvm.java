package dev.flowlens.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child JVM running a test's main class on the test class path: for tests that kill or race a process. */
public final class ChildJvm {
    private ChildJvm() {}

    /** {@code java -Xmx<heap> -cp <the test class path> <main> <args>}, not started. */
    public static ProcessBuilder of(String heap, Class<?> main, String... args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-cp",
                cp,
                main.getName()));
        command.addAll(List.of(args));
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
}
