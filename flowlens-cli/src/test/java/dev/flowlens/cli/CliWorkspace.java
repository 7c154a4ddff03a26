package dev.flowlens.cli;

import dev.flowlens.core.testing.TestFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small workspace shared by the tests of one class: made from default-format records before
 * them ({@link CliRun#workspaceOf}) in a folder of its own, deleted after them. Register with
 * {@code @RegisterExtension static final CliWorkspace WS = CliWorkspace.of(...)}.
 */
public final class CliWorkspace implements BeforeAllCallback, AfterAllCallback {
    /** 10.0.0.1 to 10.0.0.2:443, accepted: 10 packets, 5000 bytes. */
    public static final String HTTPS_ACCEPTED =
            "2 123456789012 eni-1 10.0.0.1 10.0.0.2 40000 443 6 10 5000 1700000000 1700000060 ACCEPT OK";

    /** 10.0.0.3 to 10.0.0.2:22, rejected: 2 packets, 100 bytes. */
    public static final String SSH_REJECTED =
            "2 123456789012 eni-1 10.0.0.3 10.0.0.2 40001 22 6 2 100 1700000010 1700000060 REJECT OK";

    private final List<String> records;
    private Path dir;
    private Path db;

    private CliWorkspace(List<String> records) {
        this.records = records;
    }

    public static CliWorkspace of(String... records) {
        return new CliWorkspace(List.of(records));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("flowlens-cli-test");
        db = CliRun.workspaceOf(dir, records.toArray(String[]::new));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        TestFolders.delete(dir);
    }

    /** The workspace, as {@code --db} takes it. */
    public String db() {
        return db.toString();
    }

    /** The folder holding the workspace, for other files of the tests. */
    public Path dir() {
        return dir;
    }
}
