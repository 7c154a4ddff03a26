package dev.flowlens.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.demo.DemoVpc;
import dev.flowlens.core.testing.TestFolders;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo VPC's flow logs (as {@code flowlens demo} generates them, seed 42) loaded into a fresh
 * workspace for one test class, plus one file whose name and interface id are hostile HTML, and a
 * server on a free loopback port stopped after the class. Use as
 * {@code @RegisterExtension static final WebWorkspace WEB = new WebWorkspace();}.
 */
final class WebWorkspace implements BeforeAllCallback, AfterAllCallback {
    static final String HOSTILE_ENI = "eni-<script>window.pwned=1</script>";
    static final String HOSTILE_FILE = "<img src=x onerror=window.pwned=2>.log";
    /** "Now" for relative times: an hour after the demo's last record. */
    static final Clock CLOCK =
            Clock.fixed(Instant.ofEpochSecond(DemoVpc.START + DemoVpc.DURATION + 3600), ZoneOffset.UTC);

    private final String token;
    private Path dir;
    private WebServer server;
    private FlowlensApi api;

    WebWorkspace() {
        this(null);
    }

    WebWorkspace(String token) {
        this.token = token;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("flowlens-web");
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Long, List<String>> e : new DemoVpc(42).files().entrySet()) {
            Path f = logs.resolve("demo-" + e.getKey() + ".log");
            List<String> lines = new ArrayList<>();
            lines.add(DemoVpc.FORMAT.headerLine());
            lines.addAll(e.getValue());
            Files.write(f, lines, StandardCharsets.UTF_8);
            written.add(f);
        }
        Path hostile = logs.resolve(HOSTILE_FILE);
        Files.write(
                hostile,
                List.of(
                        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
                        "2 123456789012 " + HOSTILE_ENI + " 10.9.9.9 10.0.1.10 4444 80 6 1 40 " + (DemoVpc.START + 100)
                                + " " + (DemoVpc.START + 160) + " REJECT OK"),
                StandardCharsets.UTF_8);
        try (Workspace ws = Workspace.open(db())) {
            IngestSummary s = new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(logs));
            assertThat(s.filesFailed()).isZero();
        }
        api = new FlowlensApi(new WorkspaceAccess(db()), null, CLOCK);
        server = WebServer.start(api, "127.0.0.1", 0, token);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        TestFolders.delete(dir);
    }

    Path dir() {
        return dir;
    }

    Path db() {
        return dir.resolve("web.db");
    }

    FlowlensApi api() {
        return api;
    }

    WebServer server() {
        return server;
    }

    /** The server's base address, {@code http://127.0.0.1:PORT/}. */
    String base() {
        return "http://127.0.0.1:" + server.address().port() + "/";
    }
}
