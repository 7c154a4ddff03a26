package dev.flowlens.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Folders that test fixtures (class-wide workspaces) make themselves, where JUnit's {@code @TempDir} does not reach. */
public final class TestFolders {
    private TestFolders() {}

    /**
     * The folder of every Parquet file under {@code lake}'s {@code flows} (its partition, as {@code
     * flows/aws_account_id=.../hour=...}), relative to the lake, sorted: once per file.
     */
    public static List<String> parquetFolders(Path lake) throws IOException {
        try (Stream<Path> all = Files.walk(lake.resolve("flows"))) {
            return all.filter(p -> p.toString().endsWith(".parquet"))
                    .map(p -> lake.relativize(p.getParent()).toString())
                    .sorted()
                    .toList();
        }
    }

    /** Deletes {@code dir} and everything below it. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
