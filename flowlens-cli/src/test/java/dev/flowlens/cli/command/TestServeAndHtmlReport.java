package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.cli.FlowlensCli;
import dev.flowlens.web.WebServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code flowlens serve} on the demo (loopback, the next free port, stopped by the test) and {@code report --html}. */
class TestServeAndHtmlReport {
    @RegisterExtension
    static final DemoWorkspace DEMO = new DemoWorkspace();

    @Test
    void serveTakesTheNextFreePortPrintsTheAddressAndAnswers() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = FlowlensCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
            ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
            int[] code = {-1};
            Thread t = new Thread(() -> code[0] =
                    cl.execute("serve", "--db", DEMO.db(), "--port", Integer.toString(port), "--hold-ms", "0"));
            t.start();
            try {
                WebServer server = serve.started.get(60, TimeUnit.SECONDS);
                assertThat(server.address().port()).isGreaterThan(port);
                assertThat(server.address().host()).isEqualTo("127.0.0.1");
                assertThat(server.address().token()).isNull();
                assertThat(out.toString())
                        .contains("at http://127.0.0.1:" + server.address().port() + "/");
                HttpResponse<String> info = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(server.address().url() + "api/info"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(info.statusCode()).isEqualTo(200);
                assertThat(info.body()).contains("\"records\":");
                // the server holds no lock between requests: a writer can open the workspace
                dev.flowlens.store.Workspace.open(Path.of(DEMO.db())).close();
            } finally {
                serve.stop.countDown();
                t.join(60_000);
            }
            assertThat(code[0]).as(err.toString()).isZero();
        }
    }

    @Test
    void serveRefusesAMissingWorkspaceAndABadPort() {
        Result missing = run("serve", "--db", DEMO.dir().resolve("none.db").toString(), "--port", "0");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no workspace");
        assertThat(run("serve", "--db", DEMO.db(), "--port", "70000").code()).isEqualTo(2);
    }

    @Test
    void reportHtmlWritesOneSelfContainedFileWithTheDiagnosesAndTheirRules() throws Exception {
        Path file = DEMO.dir().resolve("report.html");
        Result r = run("report", "--db", DEMO.db(), "--html", file.toString(), "--config", DEMO.config());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote " + file.toAbsolutePath());
        String html = Files.readString(file, StandardCharsets.UTF_8);
        // (a failure names what is missing rather than printing the megabyte of inline ECharts)
        assertThat(html.startsWith("<!DOCTYPE html>")).as("doctype").isTrue();
        assertThat(Stream.of("\"verdict\":\"REJECTED_INBOUND\"", "\"blocking\":")
                        .filter(s -> !html.contains(s)))
                .as("missing from the page: a rejected diagnosis, the rules named with --config")
                .isEmpty();
        Result both = run("report", "top-talkers", "--db", DEMO.db(), "--html", file.toString());
        assertThat(both.code()).isEqualTo(2);
    }
}
