package dev.flowlens.web;

import static dev.flowlens.web.Http.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server holds the workspace only while it answers: between requests the file can be opened for
 * writing (as {@code flowlens ingest} from another terminal does), and the next request sees the new
 * records. Loading through the API is idempotent as {@code flowlens ingest} is.
 */
class TestCoexistence {
    @RegisterExtension
    static final WebWorkspace WEB = new WebWorkspace();

    static long records() {
        return get(WEB.base() + "api/info").json().get("records").asLong();
    }

    static Path logFile(String name, String srcaddr) throws Exception {
        Path f = WEB.dir().resolve(name);
        Files.write(
                f,
                List.of("2 123456789012 eni-0000000000000beef " + srcaddr
                        + " 10.0.1.10 5555 443 6 3 180 1795169000 1795169060 ACCEPT OK"),
                StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void anotherWriterCanLoadBetweenRequestsAndTheNextRequestSeesIt() throws Exception {
        long before = records();
        assertThat(WEB.api().access().isOpen()).isFalse();
        Path extra = logFile("extra.log", "198.51.100.7");
        // what 'flowlens ingest' does from another terminal: open the file for writing and load
        try (Workspace ws = Workspace.open(WEB.db())) {
            IngestSummary s = new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(extra));
            assertThat(s.records()).isEqualTo(1);
        }
        assertThat(records()).isEqualTo(before + 1);
        assertThat(get(WEB.base() + "api/search?ip=198.51.100.7")
                        .json()
                        .get("rows")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void withALingerTheFileStaysOpenForThePageAndIsClosedWhenIdle() throws Exception {
        // an hour of linger: only the explicit close below closes it, so the test does not depend on timing
        WorkspaceAccess access = new WorkspaceAccess(WEB.db(), java.time.Duration.ofHours(1));
        long n = access.read(c -> new dev.flowlens.store.Catalog(c).info().records());
        assertThat(n).isGreaterThan(0);
        assertThat(access.isOpen()).isTrue();
        long again = access.read(c -> new dev.flowlens.store.Catalog(c).info().records());
        assertThat(again).isEqualTo(n);
        access.closeIfIdle();
        assertThat(access.isOpen()).isFalse();
        // closed: a writer can open the file
        Workspace.open(WEB.db()).close();
        // work that opens the file itself (the SQL endpoint) closes a lingering opening first
        access.read(c -> 0);
        assertThat(access.isOpen()).isTrue();
        int written = access.alone(() -> {
            Workspace.open(WEB.db()).close();
            return 1;
        });
        assertThat(written).isEqualTo(1);
        assertThat(access.isOpen()).isFalse();
    }

    @Test
    void ingestOfALocalPathThroughTheApiIsIdempotent() throws Exception {
        Path f = logFile("by-path.log", "198.51.100.8");
        String form = "path=" + Http.enc(f.toString());
        HttpRequest post = Http.post(WEB.base() + "api/ingest", "application/x-www-form-urlencoded", form);
        Http.Response first = Http.send(post);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("files_loaded").asInt()).isEqualTo(1);
        assertThat(first.json().get("records").asLong()).isEqualTo(1);
        Http.Response again = Http.send(post);
        assertThat(again.json().get("files_loaded").asInt()).isZero();
        assertThat(again.json().get("files_skipped").asInt()).isEqualTo(1);
        assertThat(get(WEB.base() + "api/search?ip=198.51.100.8")
                        .json()
                        .get("rows")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void uploadedFilesAreKeptBesideTheWorkspaceAndLoadedOnce() {
        String boundary = "----flowlens" + System.nanoTime();
        String body = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"../up load.log\"\r\nContent-Type: text/plain\r\n\r\n"
                + "2 123456789012 eni-0000000000000beef 198.51.100.9 10.0.1.10 5555 443 6 3 180 1795169000 1795169060 ACCEPT OK\n"
                + "this line is not a flow log record\n\r\n--" + boundary + "--\r\n";
        HttpRequest post = Http.post(WEB.base() + "api/ingest", "multipart/form-data; boundary=" + boundary, body);
        Http.Response first = Http.send(post);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("records").asLong()).isEqualTo(1);
        assertThat(first.json().get("bad_lines").asLong()).isEqualTo(1);
        String file = get(WEB.base() + "api/search?ip=198.51.100.9")
                .json()
                .get("rows")
                .get(0)
                .get("file")
                .asText();
        assertThat(file).startsWith(WEB.db() + ".uploads/").endsWith("/up_load.log");
        assertThat(Http.send(post).json().get("files_skipped").asInt()).isEqualTo(1);
    }

    @Test
    void ingestWithNothingToLoadIsA400() {
        Http.Response r = Http.send(Http.post(WEB.base() + "api/ingest"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("parameter").asText()).isEqualTo("files");
        HttpRequest missing = Http.post(WEB.base() + "api/ingest?path=" + Http.enc("/no/such/path"));
        assertThat(Http.send(missing).json().get("parameter").asText()).isEqualTo("path");
    }
}
