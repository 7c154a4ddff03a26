package dev.flowlens.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder of golden files a test compares its output with. With {@code
 * -Dflowlens.golden.update=true} the files are rewritten from the output instead; a missing file
 * is written and fails the test once, to be reviewed.
 */
public final class GoldenFiles {
    static final boolean UPDATE = Boolean.getBoolean("flowlens.golden.update");

    private final Path folder;

    public GoldenFiles(Path folder) {
        this.folder = folder;
    }

    /** Asserts {@code actual} is the content of {@code file} in the folder (or rewrites it). */
    public void check(String file, String actual) throws IOException {
        Path p = folder.resolve(file);
        if (UPDATE || !Files.exists(p)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual, StandardCharsets.UTF_8);
            if (!UPDATE) {
                throw new AssertionError(
                        "golden file " + p + " was missing and has been written; review it and run again");
            }
        }
        assertThat(actual).isEqualTo(Files.readString(p, StandardCharsets.UTF_8));
    }
}
