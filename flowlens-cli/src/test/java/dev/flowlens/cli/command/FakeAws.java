package dev.flowlens.cli.command;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * CloudWatch Logs and EC2 on loopback, speaking their wire protocols to the real AWS SDK clients:
 * the JSON protocol ({@code X-Amz-Target: Logs_20140328.FilterLogEvents}, {@code DescribeLogStreams};
 * errors as {@code __type} and {@code x-amzn-ErrorType}) and the EC2 query protocol (a form body
 * with {@code Action}, XML answers with {@code <item>} lists and {@code nextToken}, errors as
 * {@code <Response><Errors>}). Answers are paged as the services page them; faults (throttling,
 * access denied, expired credentials) are scripted per action, and a request can be held forever
 * (for a test that kills the client at that moment). Every request is recorded with its
 * {@code Authorization} header.
 */
final class FakeAws implements AutoCloseable, AfterEachCallback {
    static final String GROUP = "/aws/vpc/flow-logs";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A log event of the group. */
    record Event(String id, String stream, long timestamp, long ingestionTime, String message) {}

    /** A request as received: the service, the action, the Authorization header, its order. */
    record Request(String service, String action, String authorization, int number, String body) {}

    /** An error answer given instead of the next answer to {@code action}. */
    record Fault(String action, int status, String code) {}

    private final HttpServer server;
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Event> events = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, ArrayNode> ec2Items = new HashMap<>();
    /** Events per FilterLogEvents page at most (the service also honours the request's limit). */
    volatile int logsPageSize = 10_000;
    /** Empty pages (each with a token) given before every non-empty page after the first. */
    volatile int emptyPagesBetween;
    /** Items per EC2 describe page. */
    volatile int ec2PageSize = 2;
    /** The FilterLogEvents request (1-based) that is never answered; 0: none. */
    volatile int holdFilterRequest;

    final CountDownLatch held = new CountDownLatch(1);
    /** The FilterLogEvents request (1-based) whose nextToken is refused as expired (InvalidParameterException); 0: none. */
    volatile int expireTokenAt;

    private int filterRequests;

    FakeAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-aws");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /**
     * A fake for each test of a class, closed after it, with the SDK's fake credentials set
     * ({@link CloudWatchFixture#credentials}): {@code @RegisterExtension final FakeAws aws =
     * FakeAws.perTest();}.
     */
    static FakeAws perTest() {
        CloudWatchFixture.credentials();
        try {
            return new FakeAws();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** {@code ingest --db DB cloudwatch:GROUP}, reading from this fake in us-east-1; callers add options. */
    List<String> ingestArgs(String db, String group) {
        return new ArrayList<>(List.of(
                "ingest",
                "--db",
                db,
                "cloudwatch:" + group,
                "--endpoint-url",
                endpoint().toString(),
                "--region",
                "us-east-1"));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void fault(String action, int status, String code, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(action, status, code));
        }
    }

    /** Serves the items of every {@code *.json} file of a folder in the AWS CLI's shape (the demo's --config folder). */
    void serveConfig(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(f.toFile());
                root.properties()
                        .forEach(e -> ec2Items.computeIfAbsent(e.getKey(), k -> JSON.createArrayNode())
                                .addAll((ArrayNode) e.getValue()));
            }
        }
    }

    /** Adds flow logs as describe-flow-logs prints them. */
    void serveFlowLogs(ArrayNode flowLogs) {
        ec2Items.computeIfAbsent("FlowLogs", k -> JSON.createArrayNode()).addAll(flowLogs);
    }

    long count(String action) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.action().equals(action)).count();
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = x.getRequestHeaders().getFirst("X-Amz-Target");
            String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
            if (target != null) {
                String action = target.substring(target.indexOf('.') + 1);
                int n = record("logs", action, auth, body);
                logs(x, action, JSON.readTree(body), n);
            } else {
                Map<String, String> form = form(body);
                String action = form.getOrDefault("Action", "");
                record("ec2", action, auth, body);
                ec2(x, action, form);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized int record(String service, String action, String auth, String body) {
        requests.add(new Request(service, action, auth, requests.size() + 1, body));
        return action.equals("FilterLogEvents") ? ++filterRequests : 0;
    }

    private synchronized Fault takeFault(String action) {
        for (Fault f : faults) {
            if (f.action().equals(action)) {
                faults.remove(f);
                return f;
            }
        }
        return null;
    }

    private void logs(HttpExchange x, String action, JsonNode q, int filterNumber)
            throws IOException, InterruptedException {
        if (filterNumber > 0 && filterNumber == holdFilterRequest) {
            held.countDown();
            new CountDownLatch(1).await(); // never answered: the test kills the client now
        }
        Fault f = takeFault(action);
        if (f == null && filterNumber > 0 && filterNumber == expireTokenAt && q.hasNonNull("nextToken")) {
            f = new Fault(action, 400, "InvalidParameterException");
        }
        if (f != null) {
            ObjectNode err = JSON.createObjectNode().put("__type", f.code()).put("message", f.code() + " (fake)");
            x.getResponseHeaders()
                    .add("x-amzn-ErrorType", f.code() + ":http://internal.amazon.com/coral/com.amazonaws.logs/");
            send(x, f.status(), "application/x-amz-json-1.1", JSON.writeValueAsBytes(err));
            return;
        }
        if (!GROUP.equals(q.path("logGroupName").asText())) {
            x.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
            send(
                    x,
                    400,
                    "application/x-amz-json-1.1",
                    JSON.writeValueAsBytes(JSON.createObjectNode()
                            .put("__type", "ResourceNotFoundException")
                            .put("message", "The specified log group does not exist.")));
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        if (action.equals("DescribeLogStreams")) {
            String prefix = q.path("logStreamNamePrefix").asText("");
            Set<String> streams = new LinkedHashSet<>();
            for (Event e : events) {
                if (e.stream().startsWith(prefix)) {
                    streams.add(e.stream());
                }
            }
            ArrayNode a = out.putArray("logStreams");
            streams.stream()
                    .sorted()
                    .forEach(s -> a.addObject()
                            .put("logStreamName", s)
                            .put("creationTime", 1_700_000_000_000L)
                            .put("arn", "arn:aws:logs:us-east-1:123456789012:log-group:" + GROUP + ":log-stream:" + s));
        } else if (action.equals("FilterLogEvents")) {
            Set<String> streams = new LinkedHashSet<>();
            q.path("logStreamNames").forEach(s -> streams.add(s.asText()));
            long start = q.path("startTime").asLong(Long.MIN_VALUE);
            long end = q.path("endTime").asLong(Long.MAX_VALUE);
            String pattern = q.hasNonNull("filterPattern")
                    ? q.get("filterPattern").asText().replace("\"", "")
                    : null;
            List<Event> matching = matching(new Query(streams, start, end, pattern, events.size()));
            int offset = 0;
            int empties = 0;
            String token = q.path("nextToken").asText(null);
            if (token != null) {
                String[] parts = token.substring(1).split("e");
                offset = Integer.parseInt(parts[0]);
                empties = Integer.parseInt(parts[1]);
            }
            String next = null;
            List<Event> page = List.of();
            if (empties > 0) {
                next = "o" + offset + "e" + (empties - 1);
            } else {
                int size = Math.min(logsPageSize, q.path("limit").asInt(10_000));
                int to = Math.min(matching.size(), offset + size);
                page = matching.subList(offset, to);
                if (to < matching.size()) {
                    next = "o" + to + "e" + emptyPagesBetween;
                }
            }
            send(x, 200, "application/x-amz-json-1.1", filterPage(page, next));
            return;
        }
        send(x, 200, "application/x-amz-json-1.1", JSON.writeValueAsBytes(out));
    }

    /** What a FilterLogEvents request selects, and how many events the group had (tests add events as they go). */
    private record Query(Set<String> streams, long start, long end, String pattern, int eventCount) {}

    private Query lastQuery;
    private List<Event> lastMatching;

    /** The events a query selects, in order; the last answer is kept (the pages of one query ask again and again). */
    private synchronized List<Event> matching(Query q) {
        if (!q.equals(lastQuery) || lastMatching == null) {
            List<Event> matching = new ArrayList<>();
            for (Event e : events) {
                if ((q.streams().isEmpty() || q.streams().contains(e.stream()))
                        && e.timestamp() >= q.start()
                        && e.timestamp() <= q.end()
                        && (q.pattern() == null || e.message().contains(q.pattern()))) {
                    matching.add(e);
                }
            }
            lastQuery = q;
            lastMatching = matching;
        }
        return lastMatching;
    }

    /** A FilterLogEvents answer, written as it streams (a page of 10,000 events is quick to serve). */
    private static byte[] filterPage(List<Event> page, String nextToken) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 + page.size() * 240);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (Event e : page) {
                writeEvent(g, e);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("searchedLogStreams");
            g.writeEndArray();
            if (nextToken != null) {
                g.writeStringField("nextToken", nextToken);
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** An event as FilterLogEvents (and {@code aws logs filter-log-events}) writes it. */
    static void writeEvent(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeStringField("logStreamName", e.stream());
        g.writeNumberField("timestamp", e.timestamp());
        g.writeStringField("message", e.message());
        g.writeNumberField("ingestionTime", e.ingestionTime());
        g.writeStringField("eventId", e.id());
        g.writeEndObject();
    }

    private static final Map<String, String> RESULT_SETS = Map.of(
            "DescribeSecurityGroups",
            "SecurityGroups",
            "DescribeNetworkAcls",
            "NetworkAcls",
            "DescribeNetworkInterfaces",
            "NetworkInterfaces",
            "DescribeFlowLogs",
            "FlowLogs");
    /** EC2's XML names where they are not the JSON member name with a lower-case first letter. */
    private static final Map<String, String> XML_NAMES = Map.ofEntries(
            Map.entry("SecurityGroups", "securityGroupInfo"),
            Map.entry("NetworkAcls", "networkAclSet"),
            Map.entry("NetworkInterfaces", "networkInterfaceSet"),
            Map.entry("FlowLogs", "flowLogSet"),
            Map.entry("Associations", "associationSet"),
            Map.entry("Entries", "entrySet"),
            Map.entry("Groups", "groupSet"),
            Map.entry("UserIdGroupPairs", "groups"),
            Map.entry("PrivateIpAddresses", "privateIpAddressesSet"),
            Map.entry("Ipv6Addresses", "ipv6AddressesSet"),
            Map.entry("Tags", "tagSet"));

    private void ec2(HttpExchange x, String action, Map<String, String> form) throws IOException {
        Fault f = takeFault(action);
        if (f != null) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + f.code()
                    + "</Code><Message>" + f.code()
                    + " (fake)</Message></Error></Errors><RequestID>fake-1</RequestID></Response>";
            send(x, f.status(), "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String key = RESULT_SETS.get(action);
        if (key == null) {
            send(
                    x,
                    400,
                    "text/xml",
                    ("<Response><Errors><Error><Code>InvalidAction</Code><Message>" + action
                                    + "</Message></Error></Errors><RequestID>r</RequestID></Response>")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        ec2Items.getOrDefault(key, JSON.createArrayNode()).forEach(items::add);
        if ("log-group-name".equals(form.get("Filter.1.Name"))) {
            String group = form.get("Filter.1.Value.1");
            items.removeIf(i -> !group.equals(i.path("LogGroupName").asText()));
        }
        int offset = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken")) : 0;
        int to = Math.min(items.size(), offset + ec2PageSize);
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
                .append(action)
                .append("Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>fake-")
                .append(offset)
                .append("</requestId>");
        b.append('<').append(XML_NAMES.get(key)).append('>');
        for (JsonNode item : items.subList(offset, to)) {
            b.append("<item>");
            xml(b, item);
            b.append("</item>");
        }
        b.append("</").append(XML_NAMES.get(key)).append('>');
        if (to < items.size()) {
            b.append("<nextToken>").append(to).append("</nextToken>");
        }
        b.append("</").append(action).append("Response>");
        send(x, 200, "text/xml;charset=UTF-8", b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The members of a JSON object as EC2's XML: lists as {@code <item>}s. */
    private static void xml(StringBuilder b, JsonNode object) {
        object.properties().forEach(e -> {
            String name = XML_NAMES.getOrDefault(
                    e.getKey(),
                    Character.toLowerCase(e.getKey().charAt(0)) + e.getKey().substring(1));
            JsonNode v = e.getValue();
            if (v.isNull()) {
                return;
            }
            b.append('<').append(name).append('>');
            if (v.isArray()) {
                for (JsonNode i : v) {
                    b.append("<item>");
                    if (i.isObject()) {
                        xml(b, i);
                    } else {
                        b.append(escape(i.asText()));
                    }
                    b.append("</item>");
                }
            } else if (v.isObject()) {
                xml(b, v);
            } else {
                b.append(escape(v.asText()));
            }
            b.append("</").append(name).append('>');
        });
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : body.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(
                        URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.getResponseHeaders().add("x-amzn-RequestId", "fake");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
