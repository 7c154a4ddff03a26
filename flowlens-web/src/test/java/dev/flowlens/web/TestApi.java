package dev.flowlens.web;

import static dev.flowlens.web.Http.enc;
import static dev.flowlens.web.Http.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.diagnosis.ConversationColumns;
import dev.flowlens.web.Http.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint of the API, in process on a loopback port, on the demo workspace. */
class TestApi {
    @RegisterExtension
    static final WebWorkspace WEB = new WebWorkspace();

    static JsonNode ok(String path) {
        Response r = get(WEB.base() + path);
        assertThat(r.status()).as(path + " -> " + r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.json();
    }

    static JsonNode bad(String path, int status, String parameter) {
        Response r = get(WEB.base() + path);
        assertThat(r.status()).as(path + " -> " + r.body()).isEqualTo(status);
        JsonNode j = r.json();
        assertThat(j.get("error").asText()).isNotBlank();
        if (parameter != null) {
            assertThat(j.get("parameter").asText()).isEqualTo(parameter);
            assertThat(j.get("error").asText()).contains(parameter);
        }
        return j;
    }

    @Test
    void infoCountsTheDemoAndTheHostileFile() {
        JsonNode j = ok("api/info");
        assertThat(j.get("records").asLong()).isGreaterThan(1000);
        assertThat(j.get("files").asLong()).isGreaterThan(1);
        assertThat(j.get("first").asText()).isEqualTo("2026-11-20T10:00:00Z");
    }

    @Test
    void overviewPartsAnswerWithColumnsAndRows() {
        for (Overview.Part part : Overview.Part.values()) {
            JsonNode j = ok("api/overview/" + part.path()
                    + "?from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z&bin=600&limit=5");
            assertThat(j.get("columns").size()).as(part.path()).isGreaterThan(1);
            if (part != Overview.Part.DIRECTIONS) {
                assertThat(j.get("rows").size()).as(part.path()).isGreaterThan(0);
            }
            if (part != Overview.Part.SERIES) {
                assertThat(j.get("rows").size()).as(part.path()).isLessThanOrEqualTo(5);
            }
        }
        JsonNode series = ok("api/overview/series?bin=3600");
        long records = 0;
        for (JsonNode row : series.get("rows")) {
            assertThat(row.get(0).asLong() % 3600).isZero();
            records += row.get(4).asLong();
        }
        // every record with an action, in hourly buckets
        JsonNode sql = ok("api/sql?q=" + enc("SELECT count(*) FROM flows WHERE action IS NOT NULL"));
        assertThat(records).isEqualTo(sql.get("rows").get(0).get(0).asLong());
        JsonNode talkers = ok("api/overview/talkers?limit=3");
        assertThat(talkers.get("columns").get(0).asText()).isEqualTo("srcaddr");
        assertThat(talkers.get("rows").get(0).get(1).asLong())
                .isGreaterThanOrEqualTo(talkers.get("rows").get(1).get(1).asLong());
    }

    @Test
    void streamsHaveTheCliColumns() {
        JsonNode j = ok("api/streams");
        List<String> names = new ArrayList<>();
        j.get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly("stream", "first", "last", "records", "accept", "reject", "nodata", "skipdata");
        List<String> streams = new ArrayList<>();
        j.forEach(s -> streams.add(s.get("stream").asText()));
        assertThat(streams).contains("eni-0a1b2c3d4e5f60001", WebWorkspace.HOSTILE_ENI);
        assertThat(ok("api/streams?prefix=eni-0a1b2c3d4e5f6030").size()).isEqualTo(1);
    }

    @Test
    void searchPagesThroughMatchesAndTheHistogramCountsThemAll() {
        String filter = "ip=10.0.3.30&from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z";
        JsonNode first = ok("api/search?" + filter + "&limit=10");
        JsonNode second = ok("api/search?" + filter + "&limit=10&offset=10");
        assertThat(first.get("rows").size()).isEqualTo(10);
        assertThat(first.get("more").asBoolean()).isTrue();
        assertThat(second.get("offset").asInt()).isEqualTo(10);
        JsonNode all = ok("api/search?" + filter + "&limit=20");
        assertThat(all.get("rows").get(10)).isEqualTo(second.get("rows").get(0));
        JsonNode row = first.get("rows").get(0);
        assertThat(row.has("srcaddr")
                        && row.has("interface-id")
                        && row.has("file")
                        && row.has("line")
                        && row.has("message"))
                .isTrue();
        assertThat(row.get("srcaddr").asText() + row.get("dstaddr").asText()).contains("10.0.3.30");

        JsonNode hist = ok("api/search/histogram?" + filter + "&bin=600");
        long total = 0;
        for (JsonNode r : hist.get("rows")) {
            total += r.get(2).asLong();
        }
        JsonNode count = ok("api/sql?q="
                + enc("SELECT count(*) FROM flows WHERE (srcaddr = '10.0.3.30' OR dstaddr = '10.0.3.30') "
                        + "AND \"end\" >= 1795168800 AND start <= 1795176000"));
        assertThat(total).isEqualTo(count.get("rows").get(0).get(0).asLong());

        JsonNode pattern = ok("api/search?q=" + enc("\" REJECT \"") + "&ip=203.0.113.77&limit=50");
        assertThat(pattern.get("rows").size()).isGreaterThan(0);
        pattern.get("rows").forEach(r -> assertThat(r.get("action").asText()).isEqualTo("REJECT"));
    }

    @Test
    void insightsQueryAndSql() {
        JsonNode q = ok(
                "api/query?q="
                        + enc(
                                "filter action = \"REJECT\" | stats count(*) as rejected by srcAddr | sort rejected desc | limit 5"));
        assertThat(q.get("columns").toString()).isEqualTo("[\"srcAddr\",\"rejected\"]");
        assertThat(q.get("rows").size()).isBetween(1, 5);
        JsonNode binned = ok("api/query?q=" + enc("stats sum(bytes) as bytes by bin(10m)"));
        assertThat(binned.get("rows").get(0).get(0).asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode sql = ok(
                "api/sql?q=" + enc("SELECT dstport, count(*) AS n FROM flows GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3"));
        assertThat(sql.get("rows").size()).isEqualTo(3);
    }

    @Test
    void theAddressTopListsInOneRequest() {
        String range = "?from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z&limit=5";
        JsonNode tops = ok("api/overview/tops" + range);
        List<String> names = new ArrayList<>();
        tops.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("talkers", "pairs", "rejected-sources", "rejected-destinations");
        for (String part : names) {
            assertThat(tops.get(part)).as(part).isEqualTo(ok("api/overview/" + part + range));
            assertThat(tops.get(part).get("rows").size()).as(part).isEqualTo(5);
        }
        bad("api/overview/tops?bin=60", 400, "bin");
    }

    @Test
    void graphAggregatesToInterfaces() {
        JsonNode addresses = ok("api/graph?level=address&limit=50000");
        JsonNode enis = ok("api/graph?level=eni&limit=50000");
        assertThat(enis.get("level").asText()).isEqualTo("eni");
        JsonNode own = enis.get("eni_addresses");
        List<String> interfaces = new ArrayList<>();
        enis.get("nodes").forEach(n -> {
            if (n.asText().startsWith("eni-")) {
                interfaces.add(n.asText());
                // an interface node stands for one address of the records
                assertThat(own.get(n.asText()).asText()).matches("[0-9.]+|[0-9a-f:]+");
            } else {
                assertThat(n.asText()).matches(".*/(24|64)");
            }
        });
        assertThat(interfaces).hasSizeGreaterThan(2);
        assertThat(own.size()).isEqualTo(interfaces.size());
        assertThat(enis.get("nodes").size()).isLessThan(addresses.get("nodes").size());
        // the same records, grouped otherwise
        assertThat(total(enis, "bytes")).isEqualTo(total(addresses, "bytes"));
        assertThat(total(enis, "records")).isEqualTo(total(addresses, "records"));
        assertThat(total(enis, "rejected")).isEqualTo(total(addresses, "rejected"));
    }

    private static long total(JsonNode graph, String field) {
        long sum = 0;
        for (JsonNode e : graph.get("edges")) {
            sum += e.get(field).asLong();
        }
        return sum;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DELETE FROM flows|SQL_REFUSED",
                "SELECT * FROM read_csv('/etc/passwd')|SQL_REFUSED",
                "SELECT 1; DROP TABLE flows|SQL_REFUSED",
                "COPY flows TO '/tmp/x.csv'|SQL_REFUSED",
                "SELECT nonexistent FROM flows|QUERY_FAILED"
            })
    void sqlIsReadOnlyAndLockedDown(String sql, String code) {
        Response r = get(WEB.base() + "api/sql?q=" + enc(sql));
        assertThat(r.status()).as(r.body()).isIn(400, 422);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
    }

    @Test
    void conversationsHaveTheCliColumnsAndAVerdict() {
        JsonNode j = ok("api/conversations?ip=10.0.3.30&limit=20");
        assertThat(j.size()).isBetween(1, 20);
        List<String> names = new ArrayList<>();
        j.get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names.subList(0, ConversationColumns.NAMES.size()))
                .containsExactlyElementsOf(ConversationColumns.NAMES)
                .endsWith("verdict");
    }

    @Test
    void diagnoseAnswersAsTheCliJson() {
        JsonNode j = ok("api/diagnose?src=10.0.2.20&dst=10.0.3.30&port=6379");
        assertThat(j.get("verdict").asText()).isEqualTo("NO_RESPONSE");
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("verdict", "summary", "attempts", "evidence", "coverage", "causes");
        assertThat(j.get("evidence").get(0).has("tcp_flags")).isTrue();
        assertThat(j.get("coverage").has("accept_only_enis")).isTrue();
        assertThat(ok("api/diagnose?src=10.0.2.20&dst=10.0.3.30&port=5433")
                        .get("verdict")
                        .asText())
                .isEqualTo("RESET");
    }

    @Test
    void reportsListAndRun() {
        JsonNode list = ok("api/reports");
        assertThat(list.size()).isGreaterThan(10);
        JsonNode scans = ok("api/reports/rejected-traffic?limit=5");
        assertThat(scans.get("rows").size()).isBetween(1, 5);
        bad("api/reports/traffic-from-source", 400, null);
        assertThat(ok("api/reports/traffic-from-source?address=10.0.3.30")
                        .get("rows")
                        .size())
                .isGreaterThan(0);
        bad("api/reports/no-such-report", 400, "name");
    }

    @Test
    void graphAggregatesToSubnetsAboveTheNodeLimit() {
        JsonNode addresses = ok("api/graph");
        assertThat(addresses.get("level").asText()).isEqualTo("address");
        assertThat(addresses.get("edges").size()).isGreaterThan(3);
        JsonNode subnets = ok("api/graph?max_nodes=5");
        assertThat(subnets.get("level").asText()).isEqualTo("subnet");
        subnets.get("nodes").forEach(n -> assertThat(n.asText()).matches(".*/(24|64)"));
        assertThat(subnets.get("nodes").size())
                .isLessThan(addresses.get("nodes").size());
        JsonNode sankey = ok("api/sankey?limit=10");
        assertThat(sankey.get("columns").toString())
                .isEqualTo("[\"client\",\"port\",\"server\",\"bytes\",\"rejected\"]");
        assertThat(sankey.get("rows").size()).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "api/search?port=70000|port",
                "api/search?port=http|port",
                "api/search?ip=10.0.0.300|ip",
                "api/search?from=yesterday|from",
                "api/search?from=2026-11-20T12:00:00Z&to=2026-11-20T10:00:00Z|from",
                "api/search?action=drop|action",
                "api/search?limit=0|limit",
                "api/search?offset=-1|offset",
                "api/search?q=%5Bunclosed|q",
                "api/search?colour=red|colour",
                "api/search?port=1&port=2|port",
                "api/search?protocol=bogus|protocol",
                "api/search/histogram?bin=0|bin",
                "api/overview/series?bin=x|bin",
                "api/overview/nonsense|part",
                "api/conversations?limit=999999|limit",
                "api/diagnose?src=10.0.2.20|dst",
                "api/diagnose?dst=10.0.3.30&port=99999|port",
                "api/diagnose?dst=10.0.3.30&config=/no/such/folder|config",
                "api/query?q=|q",
                "api/sql?limit=5|q",
                "api/graph?level=planet|level",
                "api/streams?limit=abc|limit"
            })
    void badParametersAre400sNamingTheParameter(String path, String parameter) {
        bad(path, 400, parameter);
    }

    @Test
    void aBadInsightsQueryIsA400() {
        Response r = get(WEB.base() + "api/query?q=" + enc("stats count(*) by"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("INVALID_QUERY");
    }

    @Test
    void hostileTextComesBackAsDataWithHeadersThatKeepItData() {
        Response r = get(WEB.base() + "api/search?eni=" + enc(WebWorkspace.HOSTILE_ENI));
        assertThat(r.status()).isEqualTo(200);
        JsonNode row = r.json().get("rows").get(0);
        assertThat(row.get("interface-id").asText()).isEqualTo(WebWorkspace.HOSTILE_ENI);
        assertThat(row.get("file").asText()).endsWith(WebWorkspace.HOSTILE_FILE);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.raw().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.raw().headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'");
    }

    @Test
    void pagesAndEchartsAreServedFromTheJar() {
        Response index = get(WEB.base());
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("vendor/echarts.min.js");
        Response echarts = get(WEB.base() + "vendor/echarts.min.js");
        assertThat(echarts.status()).isEqualTo(200);
        assertThat(echarts.body().length()).isGreaterThan(500_000);
        assertThat(get(WEB.base() + "app.js").status()).isEqualTo(200);
        assertThat(get(WEB.base() + "nothing-here").status()).isEqualTo(404);
    }
}
