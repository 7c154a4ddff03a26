package dev.flowlens.cli.command;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Port;
import dev.flowlens.web.FlowlensApi;
import dev.flowlens.web.WebServer;
import dev.flowlens.web.WorkspaceAccess;
import java.awt.Desktop;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        description = {
            "Starts the web UI and its JSON API (docs/web.md) and prints the address; Ctrl-C stops it.",
            "The workspace is opened read-only only while a request is answered, so 'flowlens ingest' and the other",
            "commands keep working from another terminal, and a page shows new data when reloaded."
        })
public final class ServeCommand extends WorkspaceCommand {
    /** How the Load page reaches S3 for an s3:// URL. */
    @Mixin
    AwsOptions aws;

    @Option(names = "--port", paramLabel = "N", descriptionKey = "serve.port")
    Port port = new Port(8421);

    @Option(names = "--bind", paramLabel = "ADDR")
    String bind = "127.0.0.1";

    @Option(names = "--token", paramLabel = "T")
    String token;

    @Option(names = "--config", paramLabel = "DIR", descriptionKey = "serve.config")
    Path config;

    @Option(names = "--hold-ms", paramLabel = "MS")
    long holdMs = 1000;

    @Option(names = "--open")
    boolean open;

    /** Released to stop the server (tests); the JVM's shutdown stops it otherwise. */
    final CountDownLatch stop = new CountDownLatch(1);

    /** Completed with the running server once it listens (tests wait on it). */
    final CompletableFuture<WebServer> started = new CompletableFuture<>();

    @Override
    protected int run(PrintWriter out) throws Exception {
        try {
            return serve(out);
        } catch (Exception | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
    }

    private int serve(PrintWriter out) throws Exception {
        if (holdMs < 0 || holdMs > 60_000) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, "--hold-ms " + holdMs + " is out of range: use 0 to 60000");
        }
        workspace.openReadOnly().close(); // fails now, with the usual message, when there is no workspace
        FlowlensApi api = new FlowlensApi(
                new WorkspaceAccess(workspace.path(), Duration.ofMillis(holdMs)),
                config,
                Clock.systemUTC(),
                aws.clientConfig());
        try (WebServer server = WebServer.start(api, bind, port.number(), token)) {
            out.println("Flowlens serves " + workspace.path().toAbsolutePath() + " at "
                    + server.address().url());
            if (server.address().token() != null && token == null) {
                out.println("Token (generated; every request needs it): "
                        + server.address().token());
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            if (open) {
                openBrowser(server.address().url(), out);
            }
            Thread hook = new Thread(stop::countDown, "flowlens-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            started.complete(server);
            stop.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us
            }
        }
        return 0;
    }

    private static void openBrowser(String url, PrintWriter out) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
                return;
            }
            new ProcessBuilder("xdg-open", url).inheritIO().start();
        } catch (Exception e) {
            out.println("(could not open a browser: " + e.getMessage() + "; open the address above)");
        }
    }
}
