package dev.flowlens.web;

import static dev.flowlens.web.Http.enc;
import static dev.flowlens.web.Http.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.store.Workspace;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Load page's API: an s3:// URL loaded from an S3 API server on loopback (s3proxy, in memory)
 * as {@code flowlens ingest} loads it, a rerun skipping what is loaded, bad lines counted, the
 * progress endpoint's figures, and bad URLs answered 400 naming {@code path}.
 */
class TestIngestProgress {
    static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";
    static final String PREFIX = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/20/";

    @TempDir
    static Path dir;

    static S3Proxy s3proxy;
    static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.accessKeyId", "flowlens-test");
        System.setProperty("aws.secretAccessKey", "flowlens-test-secret");
        // s3proxy with its in-memory store, without authentication, on a free loopback port
        S3Proxy.Builder builder = S3Proxy.builder().awsAuthentication(AuthenticationType.NONE, null, null);
        s3proxy = builder.blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        s3proxy.start();
        for (String state = s3proxy.getState(); !"STARTED".equals(state); state = s3proxy.getState()) {
            Thread.onSpinWait();
        }
        upload("flows", new byte[0]);
        for (int f = 0; f < 3; f++) {
            StringBuilder b = new StringBuilder(HEADER);
            for (int i = 0; i < 10; i++) {
                b.append("2 123456789012 eni-0a1b2c3d4e5f6000")
                        .append(f)
                        .append(" 10.0.0.")
                        .append(i + 1)
                        .append(" 10.0.1.9 4000")
                        .append(i)
                        .append(" 443 6 3 300 1795168800 1795168860 ACCEPT OK\n");
            }
            if (f == 1) {
                b.append("2 123456789012 eni-x 10.0.0.1 not-an-address 1 2 6 1 1 1795168800 1795168860 ACCEPT OK\n");
            }
            upload(
                    "flows/" + PREFIX + "123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261120T1000Z_0000000"
                            + f + ".log",
                    b.toString().getBytes(StandardCharsets.UTF_8));
        }
        Path db = dir.resolve("w.db");
        Workspace.open(db).close();
        AwsClientConfig s3 = new AwsClientConfig(
                null,
                "us-east-1",
                null,
                null,
                URI.create("http://127.0.0.1:" + s3proxy.getPort()),
                2,
                Duration.ofMillis(10));
        FlowlensApi api = new FlowlensApi(new WorkspaceAccess(db, Duration.ZERO), null, Clock.systemUTC(), s3);
        server = WebServer.start(api, "127.0.0.1", 0, null);
    }

    /** A bucket (empty body) or an object, straight into s3proxy. */
    static void upload(String path, byte[] body) {
        Http.Response r =
                Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s3proxy.getPort() + "/" + path))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        s3proxy.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static Http.Response post(String path) {
        return Http.send(Http.post(
                "http://127.0.0.1:" + server.address().port() + "/api/ingest",
                "application/x-www-form-urlencoded",
                "path=" + enc(path)));
    }

    static JsonNode progress() {
        Http.Response r = get("http://127.0.0.1:" + server.address().port() + "/api/ingest/progress");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void loadsAnS3UrlAndTellsHowFarItGot() {
        assertThat(progress().get("running").asBoolean()).isFalse();
        Http.Response r = post("s3://flows/AWSLogs/");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("files_loaded").asInt()).isEqualTo(3);
        assertThat(j.get("records").asLong()).isEqualTo(30);
        assertThat(j.get("bad_lines").asLong()).isEqualTo(1);
        JsonNode p = progress();
        assertThat(p.get("running").asBoolean()).isFalse();
        assertThat(p.get("source").asText()).isEqualTo("s3://flows/AWSLogs/");
        assertThat(p.get("files").asInt()).isEqualTo(3);
        assertThat(p.get("files_done").asInt()).isEqualTo(3);
        assertThat(p.get("records").asLong()).isEqualTo(30);
        assertThat(p.get("bad_lines").asLong()).isEqualTo(1);
        // the same URL again: what is loaded is left out (listed as unchanged, not read)
        JsonNode again = post("s3://flows/").json();
        assertThat(again.get("files_loaded").asInt()).isZero();
        assertThat(again.get("records").asLong()).isZero();
        assertThat(progress().get("records").asLong()).isZero();
    }

    @Test
    void refusesAnUnusableUrl() {
        for (String bad : new String[] {"s3://", "s3://Not_A_Bucket/x"}) {
            Http.Response r = post(bad);
            assertThat(r.status()).as(bad + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().get("parameter").asText()).isEqualTo("path");
        }
        assertThat(progress().get("running").asBoolean()).isFalse();
    }
}
