package dev.flowlens.bench.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 API server on loopback for s3-bench.sh: s3proxy with its in-memory store, a bucket filled
 * with every file under a folder (the key is the file's path below it). Prints {@code S3BENCH-READY PORT OBJECTS}
 * when the objects are in, then serves until its standard input closes.
 *
 * <p>Usage: {@code S3BenchServer DIR BUCKET}.
 */
public final class S3BenchServer {
    private S3BenchServer() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String bucket = args[1];
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .jettyMaxThreads(64)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        URI base = URI.create("http://127.0.0.1:" + proxy.getPort() + "/");
        HttpClient http = HttpClient.newHttpClient();
        send(
                http,
                HttpRequest.newBuilder(base.resolve(bucket))
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .build());
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            String key = dir.relativize(f).toString().replace('\\', '/');
            send(
                    http,
                    HttpRequest.newBuilder(base.resolve(bucket + "/" + key))
                            .PUT(HttpRequest.BodyPublishers.ofFile(f))
                            .build());
        }
        System.out.println("S3BENCH-READY " + proxy.getPort() + " " + files.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the script closes our input
        }
        proxy.stop();
    }

    private static void send(HttpClient http, HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(r.uri() + ": " + response.statusCode() + " " + response.body());
        }
    }
}
