package dev.flowlens.cli.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of a test S3 server: it counts the LIST and GET requests it sees
 * and injects deterministic faults chosen by a hash of the request (never by timing): {@code 503
 * SlowDown} to the first attempt of some requests, a connection closed in the middle of some
 * object bodies, delayed answers, and {@code 403 AccessDenied} for named keys. One request per
 * connection (answers say {@code Connection: close}). Stops with {@link #close()}.
 */
final class S3FaultProxy implements AutoCloseable {
    /** One request seen: LIST (with its prefix) or GET (with its key and whether it asked for a range). */
    record Seen(String kind, String what, boolean range) {}

    private final ServerSocket server;
    private final int upstreamPort;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Seen> seen = new ArrayList<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cut = new ConcurrentHashMap<>();
    volatile int slowDownEvery;
    volatile int cutEvery;
    volatile int delayEvery;
    volatile int delayMillis;
    volatile Set<String> deniedKeys = Set.of();
    /**
     * When set, the region S3 says the bucket is in: requests are answered as S3 answers a client of
     * another region (400 {@code AuthorizationHeaderMalformed} with {@code x-amz-bucket-region}), all
     * of them, or only the GETs of objects when {@link #wrongRegionOnGets}.
     */
    volatile String bucketRegion;

    volatile boolean wrongRegionOnGets;
    private volatile int slowDowns;
    private volatile int cuts;

    S3FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    synchronized void reset() {
        seen.clear();
        attempts.clear();
        cut.clear();
        slowDowns = 0;
        cuts = 0;
    }

    int slowDowns() {
        return slowDowns;
    }

    int cuts() {
        return cuts;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> handle(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** A stable hash of a text, the same in every run. */
    private static int hash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h & 0x7fffffff;
    }

    private void handle(Socket client) {
        try (client;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String target = requestLine[1];
            long contentLength = 0;
            boolean range = false;
            StringBuilder forward = new StringBuilder(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("connection:")) {
                    continue;
                }
                if (lower.startsWith("content-length:")) {
                    contentLength = Long.parseLong(lines[i].substring(15).trim());
                }
                if (lower.startsWith("range:")) {
                    range = true;
                }
                forward.append(lines[i]).append("\r\n");
            }
            forward.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes((int) contentLength);

            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
            int second = path.indexOf('/', 1);
            String kind;
            String what;
            if (requestLine[0].equals("GET") && query.contains("list-type=2")) {
                kind = "LIST";
                what = param(query, "prefix") + "|" + param(query, "start-after") + "|"
                        + param(query, "continuation-token");
            } else if (requestLine[0].equals("GET") && second > 0) {
                kind = "GET";
                what = URLDecoder.decode(path.substring(second + 1), StandardCharsets.UTF_8);
            } else {
                kind = requestLine[0];
                what = path;
            }
            synchronized (this) {
                seen.add(new Seen(kind, kind.equals("LIST") ? what.substring(0, what.indexOf('|')) : what, range));
            }
            OutputStream out = client.getOutputStream();
            int attempt = attempts.merge(kind + " " + what + " " + range, 1, Integer::sum);
            int h = hash(what);
            if (kind.equals("GET") && deniedKeys.contains(what)) {
                answer(out, 403, "AccessDenied", "Access Denied");
                return;
            }
            String region = bucketRegion;
            if (region != null && (!wrongRegionOnGets || kind.equals("GET"))) {
                answer(
                        out,
                        400,
                        "AuthorizationHeaderMalformed",
                        "The authorization header is malformed; the region 'us-east-1' is wrong; expecting '" + region
                                + "'\r\nx-amz-bucket-region: " + region);
                return;
            }
            if (slowDownEvery > 0 && attempt == 1 && h % slowDownEvery == 0) {
                synchronized (this) {
                    slowDowns++;
                }
                answer(out, 503, "SlowDown", "Please reduce your request rate.");
                return;
            }
            if (delayEvery > 0 && h % delayEvery == 1) {
                Thread.sleep(delayMillis);
            }
            OutputStream up = upstream.getOutputStream();
            up.write(forward.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(body);
            up.flush();
            byte[] response = upstream.getInputStream().readAllBytes();
            if (kind.equals("GET")
                    && !range
                    && cutEvery > 0
                    && h % cutEvery == 2
                    && cut.putIfAbsent(what, Boolean.TRUE) == null) {
                int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
                int bodyLength = response.length - end;
                if (bodyLength > 1) {
                    synchronized (this) {
                        cuts++;
                    }
                    out.write(response, 0, end + bodyLength / 2);
                    out.flush();
                    return; // closing the socket mid-body
                }
            }
            out.write(response);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static String param(String query, String name) {
        for (String p : query.split("&")) {
            if (p.startsWith(name + "=")) {
                return URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** An S3 error; a message may carry header lines after its first line ({@code \r\n}-separated). */
    private static void answer(OutputStream out, int status, String code, String message) throws IOException {
        int eol = message.indexOf("\r\n");
        String text = eol < 0 ? message : message.substring(0, eol);
        String headers = eol < 0 ? "" : message.substring(eol);
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + text
                        + "</Message><RequestId>test</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        String reason = status == 503 ? "Slow Down" : status == 400 ? "Bad Request" : "Forbidden";
        out.write(
                ("HTTP/1.1 " + status + " " + reason + headers + "\r\nContent-Type: application/xml\r\nContent-Length: "
                                + xml.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        out.write(xml);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : 0;
            if (state == 4) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
