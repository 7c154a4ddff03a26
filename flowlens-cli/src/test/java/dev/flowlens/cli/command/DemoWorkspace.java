package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.core.testing.TestFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo as {@code flowlens demo} makes it, in a fresh folder for one test class: its workspace,
 * its logs under {@code demo-flowlogs} and its AWS configuration under {@code demo-config}. Use as
 * {@code @RegisterExtension static final DemoWorkspace DEMO = new DemoWorkspace();}.
 */
final class DemoWorkspace implements BeforeAllCallback, AfterAllCallback {
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("flowlens-demo");
        Result r =
                run("demo", "--db", db(), "--dir", dir.resolve("demo-flowlogs").toString(), "--config-dir", config());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        TestFolders.delete(dir);
    }

    Path dir() {
        return dir;
    }

    String db() {
        return dir.resolve("demo.db").toString();
    }

    String config() {
        return dir.resolve("demo-config").toString();
    }
}
