package dev.flowlens.cli.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 API server in the test JVM on loopback: s3proxy with its in-memory store, behind a
 * {@link S3FaultProxy} that counts requests and injects faults. Both stop with {@link #close()}.
 */
final class S3TestServer implements AutoCloseable {
    private final S3Proxy s3proxy;
    private final S3FaultProxy proxy;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI direct;

    S3TestServer() throws Exception {
        s3proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        s3proxy.start();
        while (!s3proxy.getState().equals("STARTED")) {
            Thread.onSpinWait();
        }
        direct = URI.create("http://127.0.0.1:" + s3proxy.getPort());
        proxy = new S3FaultProxy(s3proxy.getPort());
    }

    /** The endpoint the code under test uses: the fault proxy. */
    URI endpoint() {
        return proxy.endpoint();
    }

    S3FaultProxy proxy() {
        return proxy;
    }

    void createBucket(String bucket) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(direct.resolve("/" + bucket))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Puts an object straight into s3proxy (not through the proxy: the counts see only the code under test). */
    void put(String bucket, String key, byte[] body) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(direct.resolve("/" + bucket + "/" + key))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private void send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(request.uri() + ": " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        try {
            s3proxy.stop();
        } catch (Exception e) {
            throw new IOException("s3proxy did not stop", e);
        }
    }
}
