package dev.flowlens.core.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The engine-neutral cases (see {@code cases/README.md}): records in (the demo VPC, seed 42), and for
 * each case a command of {@code flowlens} or {@code flowlens spark} and the JSON rows it must print.
 * Each engine's test runs every case with its own store options ({@code --db}, {@code --lake}) and
 * {@code --output json}.
 */
public final class EngineCases {
    /** The cases' folder, from the repository root (the tests' working directory). */
    public static final Path CASES = Path.of("flowlens-core/src/test/resources/dev/flowlens/core/cases");

    private static final List<String> FOLDERS = List.of("queries", "reports", "conversations", "diagnose", "sql");

    private EngineCases() {}

    /** Every case: its folder and name, e.g. {@code queries/top-talkers}. */
    public static List<String> names() throws IOException {
        List<String> all = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> files = Files.list(CASES.resolve(folder))) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> !n.endsWith(".json"))
                        .map(n -> folder + "/" + n.substring(0, n.lastIndexOf('.')))
                        .sorted()
                        .forEach(all::add);
            }
        }
        return all;
    }

    /**
     * The command of a case: {@code query QUERY} ({@code .insights}), {@code report NAME OPTIONS...},
     * {@code conversations OPTIONS...} or {@code diagnose OPTIONS...} ({@code .args}), or {@code sql
     * SQL} ({@code .sql}).
     */
    public static List<String> command(String name) throws IOException {
        String folder = name.substring(0, name.indexOf('/'));
        String suffix = folder.equals("queries") ? ".insights" : folder.equals("sql") ? ".sql" : ".args";
        String text = Files.readString(CASES.resolve(name + suffix), StandardCharsets.UTF_8)
                .strip();
        List<String> args = new ArrayList<>();
        switch (folder) {
            case "queries" -> args.addAll(List.of("query", text));
            case "sql" -> args.addAll(List.of("sql", text));
            default -> {
                args.add(folder.equals("reports") ? "report" : folder);
                args.addAll(List.of(text.split(" ")));
            }
        }
        return args;
    }

    /**
     * A command's output with the folder the engine read the demo's logs from ({@code logs}, a
     * temporary folder; {@code diagnose} names each evidence record's file) written as {@code
     * demo-flowlogs}, so the expected output is the same for every engine and run.
     */
    public static String withLogsFolder(String output, Path logs) {
        return output.replace(logs.toAbsolutePath().toString(), "demo-flowlogs");
    }

    /** The file of the JSON rows a case must print. */
    public static Path expected(String name) {
        return CASES.resolve(name + ".json");
    }
}
