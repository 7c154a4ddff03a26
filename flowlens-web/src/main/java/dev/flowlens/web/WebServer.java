package dev.flowlens.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.ErrorCodeSupplier;
import dev.flowlens.core.error.FlowlensException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Properties;

/**
 * The HTTP server of {@code flowlens serve}: the JSON API under {@code /api/} ({@link FlowlensApi}),
 * the pages and ECharts (from its WebJar) from the jar. It binds to 127.0.0.1 unless told otherwise;
 * on any other address a token is required, and when a token is set every request must carry it
 * ({@code Authorization: Bearer T}, the {@code flowlens_token} cookie, or {@code ?token=T}, which also
 * sets the cookie).
 */
public final class WebServer implements AutoCloseable {
    public static final String TOKEN_PARAM = "token";
    static final String TOKEN_COOKIE = "flowlens_token";
    static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ECHARTS_VERSION = echartsVersion();

    private final Javalin app;
    private final FlowlensApi api;
    private final Address address;

    /**
     * Where a running server answers: the host it is bound to, the port it got, and the token every
     * request must carry (null when none is needed).
     */
    public record Address(String host, int port, String token) {
        /** The address to open: {@code http://127.0.0.1:8421/} (with {@code ?token=} when one is needed). */
        public String url() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return "http://" + h + ":" + port + "/" + (token == null ? "" : "?token=" + token);
        }
    }

    private WebServer(Javalin app, FlowlensApi api, Address address) {
        this.app = app;
        this.api = api;
        this.address = address;
    }

    /**
     * Starts a server on {@code host} at {@code port} or the next free port after it (up to 20 tried;
     * port 0 picks any free port). A non-loopback {@code host} without a token gets a generated one.
     */
    public static WebServer start(FlowlensApi api, String host, int port, String token) {
        String effectiveToken = tokenFor(host, token);
        RuntimeException last = null;
        int tries = port == 0 ? 1 : 20;
        for (int i = 0; i < tries; i++) {
            int p = port == 0 ? 0 : port + i;
            if (p > 65535) {
                break;
            }
            if (p != 0 && !portFree(host, p)) {
                continue; // checked first so Javalin does not log a failed start for a port in use
            }
            Javalin app = create(api, host, effectiveToken);
            try {
                app.start(host, p);
                return new WebServer(app, api, new Address(host, app.port(), effectiveToken));
            } catch (RuntimeException e) {
                last = e;
                app.stop();
                if (!isBindFailure(e)) {
                    throw e;
                }
            }
        }
        throw new FlowlensException(
                ErrorCode.INVALID_ARGUMENT,
                "no free port from " + port + " to " + (port + tries - 1) + " on " + host
                        + (last == null ? "" : ": " + last.getMessage()),
                last);
    }

    private static boolean portFree(String host, int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    /** The token a server on {@code host} requires: the given one, else a generated one beyond loopback, else none. */
    static String tokenFor(String host, String token) {
        if (token != null && !token.isBlank()) {
            return token;
        }
        return isLoopback(host) ? null : generateToken();
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new FlowlensException(ErrorCode.INVALID_ADDRESS, "cannot bind to '" + host + "': unknown address", e);
        }
    }

    static String generateToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Javalin create(FlowlensApi api, String host, String token) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 1L << 30;
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Cache-Control", "no-store");
                if (token != null) {
                    checkToken(ctx, token);
                }
            });
            config.routes.exception(
                    BadParameter.class, (e, ctx) -> error(ctx, 400, "INVALID_ARGUMENT", e.getMessage(), e.parameter()));
            config.routes.exception(
                    FlowlensException.class,
                    (e, ctx) -> error(ctx, status(e.code()), e.code().name(), e.getMessage(), null));
            config.routes.exception(
                    SQLException.class,
                    (e, ctx) ->
                            error(ctx, 500, "QUERY_FAILED", "the database failed: " + firstLine(e.getMessage()), null));
            config.routes.exception(
                    Unauthorized.class, (e, ctx) -> error(ctx, 401, "UNAUTHORIZED", e.getMessage(), TOKEN_PARAM));
            config.routes.exception(
                    Exception.class, (e, ctx) -> error(ctx, 500, "INTERNAL", "internal error: " + e, null));
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "NOT_FOUND", "nothing at " + ctx.path(), null);
                }
            });

            config.routes.get("/", ctx -> asset(ctx, "web/index.html", "text/html; charset=utf-8"));
            config.routes.get("/app.js", ctx -> asset(ctx, "web/app.js", "text/javascript; charset=utf-8"));
            config.routes.get("/app.css", ctx -> asset(ctx, "web/app.css", "text/css; charset=utf-8"));
            config.routes.get(
                    "/vendor/echarts.min.js", ctx -> asset(ctx, echartsPath(), "text/javascript; charset=utf-8"));

            config.routes.get("/api/info", json(ctx -> api.info()));
            config.routes.get("/api/overview/tops", json(ctx -> api.overviewTops(ctx.queryParamMap())));
            config.routes.get(
                    "/api/overview/{part}", json(ctx -> api.overview(ctx.pathParam("part"), ctx.queryParamMap())));
            config.routes.get("/api/streams", json(ctx -> api.streams(ctx.queryParamMap())));
            config.routes.get("/api/search", json(ctx -> api.search(ctx.queryParamMap())));
            config.routes.get("/api/search/histogram", json(ctx -> api.histogram(ctx.queryParamMap())));
            config.routes.get("/api/query", json(ctx -> api.query(ctx.queryParamMap())));
            config.routes.get("/api/sql", json(ctx -> api.sql(ctx.queryParamMap())));
            config.routes.get("/api/conversations", json(ctx -> api.conversations(ctx.queryParamMap())));
            config.routes.get("/api/diagnose", json(ctx -> api.diagnose(ctx.queryParamMap())));
            config.routes.get("/api/reports", json(ctx -> api.reports()));
            config.routes.get(
                    "/api/reports/{name}", json(ctx -> api.report(ctx.pathParam("name"), ctx.queryParamMap())));
            config.routes.get("/api/graph", json(ctx -> api.graph(ctx.queryParamMap())));
            config.routes.get("/api/sankey", json(ctx -> api.sankey(ctx.queryParamMap())));
            IngestEndpoint ingest =
                    new IngestEndpoint(api.access(), api.s3Client(), new IngestProgress(Clock.systemUTC()));
            config.routes.post("/api/ingest", json(ingest::ingest));
            config.routes.get("/api/ingest/progress", json(ctx -> ingest.progress()));
        });
    }

    /** The request was refused for a missing or wrong token. */
    static final class Unauthorized extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unauthorized(String message) {
            super(message);
        }
    }

    private static void checkToken(Context ctx, String token) {
        String given = null;
        String auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            given = auth.substring(7).trim();
        }
        boolean fromQuery = false;
        if (given == null && ctx.queryParam(TOKEN_PARAM) != null) {
            given = ctx.queryParam(TOKEN_PARAM);
            fromQuery = true;
        }
        if (given == null) {
            given = ctx.cookie(TOKEN_COOKIE);
        }
        if (given == null
                || !MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new Unauthorized(
                    given == null
                            ? "this server needs its token: add ?token=T to the address, as 'flowlens serve' printed it"
                            : "wrong token");
        }
        if (fromQuery) {
            ctx.res().addHeader("Set-Cookie", TOKEN_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        }
    }

    /** The HTTP status of a failure: 400 for the user's, else by code (other modules' failure codes are 500). */
    static int status(ErrorCodeSupplier code) {
        return switch (code.type()) {
            case USAGE -> 400;
            case FAILURE -> code instanceof ErrorCode c ? failureStatus(c) : 500;
            case INTERNAL -> 500;
        };
    }

    private static int failureStatus(ErrorCode code) {
        return switch (code) {
            case WORKSPACE_UNAVAILABLE, WORKSPACE_BUSY -> 503;
            case QUERY_FAILED, MISSING_FIELDS, QUERY_CANCELLED, QUERY_OUT_OF_MEMORY -> 422;
            case PATH_NOT_FOUND, PATH_UNREADABLE -> 404;
            default -> 500;
        };
    }

    /** The body of every error answer; {@code parameter} names the bad parameter of a 400, else is left out. */
    record ErrorBody(
            String error,
            String code,
            @JsonInclude(JsonInclude.Include.NON_NULL) String parameter) {}

    private static void error(Context ctx, int status, String code, String message, String parameter) {
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(write(new ErrorBody(message, code, parameter)));
    }

    /** A handler answering with the value as JSON. */
    @FunctionalInterface
    interface JsonHandler {
        Object handle(Context ctx) throws Exception;
    }

    private static Handler json(JsonHandler h) {
        return ctx -> {
            Object value = h.handle(ctx);
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(write(value));
        };
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static void asset(Context ctx, String resource, String type) {
        InputStream in = WebServer.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        ctx.contentType(type);
        ctx.result(in);
    }

    static String echartsPath() {
        return "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/echarts.min.js";
    }

    /** The ECharts script from the WebJar, for the self-contained report. */
    static String echartsScript() {
        return resourceText(echartsPath());
    }

    static String resourceText(String resource) {
        try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream("flowlens-web.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("flowlens-web.properties missing from the jar", e);
        }
        return p.getProperty("echarts.version");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    public Address address() {
        return address;
    }

    @Override
    public void close() {
        app.stop();
        api.close();
    }
}
