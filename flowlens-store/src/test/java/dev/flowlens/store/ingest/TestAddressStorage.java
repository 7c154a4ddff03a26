package dev.flowlens.store.ingest;

import static dev.flowlens.store.ingest.IngestTesting.flowsOf;
import static dev.flowlens.store.ingest.IngestTesting.ingest;
import static dev.flowlens.store.ingest.IngestTesting.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.FilterPatternParser;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.search.FlowRow;
import dev.flowlens.store.search.FlowSearch;
import dev.flowlens.store.search.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Addresses are stored as an IPv4 number or as text, and read back exactly as logged; searches by
 * address and block use the stored number; a workspace of the older text layout is upgraded.
 */
class TestAddressStorage {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final List<String> LINES = List.of(
            "2 123456789012 eni-1 10.0.0.5 172.31.0.9 40000 443 6 10 840 1714521600 1714521660 ACCEPT OK",
            "2 123456789012 eni-1 10.0.0.52 172.31.0.9 40001 443 6 10 840 1714521600 1714521660 ACCEPT OK",
            "2 123456789012 eni-1 010.0.0.5 172.31.0.9 40002 443 6 10 840 1714521600 1714521660 ACCEPT OK",
            "2 123456789012 eni-1 2001:DB8::5 2001:db8:0:1::9 40003 443 6 10 840 1714521600 1714521660 ACCEPT OK",
            "2 123456789012 eni-1 255.255.255.255 0.0.0.0 40004 443 6 10 840 1714521600 1714521660 REJECT OK",
            "2 123456789012 eni-1 - - - - - - - 1714521600 1714521660 - NODATA");

    @TempDir
    Path tmp;

    private Path load() throws Exception {
        Path file = tmp.resolve("a.log");
        Files.writeString(file, HEADER + "\n" + String.join("\n", LINES) + "\n", StandardCharsets.US_ASCII);
        Path db = tmp.resolve("ws.db");
        assertThat(ingest(db, null, List.of(file)).records()).isEqualTo(LINES.size());
        return db;
    }

    @Test
    void addressesReadBackAsLoggedAndCanonicalIpv4IsStoredAsANumber() throws Exception {
        Path db = load();
        List<Map<String, Object>> flows = flowsOf(db, "a.log");
        assertThat(flows)
                .extracting(r -> r.get("srcaddr"))
                .containsExactly("10.0.0.5", "10.0.0.52", "010.0.0.5", "2001:DB8::5", "255.255.255.255", null);
        assertThat(flows)
                .extracting(r -> r.get("dstaddr"))
                .containsExactly("172.31.0.9", "172.31.0.9", "172.31.0.9", "2001:db8:0:1::9", "0.0.0.0", null);
        List<Map<String, Object>> stored =
                query(db, "SELECT srcaddr_v4, srcaddr_text, dstaddr_v4 FROM flow_rows ORDER BY line");
        assertThat(stored)
                .extracting(r -> r.get("srcaddr_v4"))
                .containsExactly(167_772_165L, 167_772_212L, null, null, 4_294_967_295L, null);
        assertThat(stored)
                .extracting(r -> r.get("srcaddr_text"))
                .containsExactly(null, null, "010.0.0.5", "2001:DB8::5", null, null);
        assertThat(stored)
                .extracting(r -> r.get("dstaddr_v4"))
                .containsExactly(2_887_712_777L, 2_887_712_777L, 2_887_712_777L, null, 0L, null);
    }

    private static List<String> sources(Path db, FlowFilter filter, String pattern) throws Exception {
        try (Workspace ws = Workspace.openReadOnly(db)) {
            FilterPattern p = FilterPatternParser.parse(pattern == null ? "" : pattern);
            return new FlowSearch(ws.connection())
                    .search(new SearchRequest(filter, p, 100)).rows().stream()
                            .map(FlowRow::line)
                            .map(l -> LINES.get((int) (l - 2)).split(" ")[3])
                            .collect(Collectors.toList());
        }
    }

    private static FlowFilter ip(String cidr) {
        return FlowFilter.builder().ip(Cidr.parse(cidr)).build();
    }

    @Test
    void searchesCompareTheStoredNumbersAndTexts() throws Exception {
        Path db = load();
        assertThat(sources(db, ip("10.0.0.5"), null)).containsExactly("10.0.0.5");
        // a block covers the dotted quads; the spelling with a leading zero is kept as text and not read as a number
        assertThat(sources(db, ip("10.0.0.0/24"), null)).containsExactly("10.0.0.5", "10.0.0.52");
        assertThat(sources(db, ip("0.0.0.0/0"), null))
                .containsExactly("10.0.0.5", "10.0.0.52", "010.0.0.5", "255.255.255.255");
        assertThat(sources(db, ip("2001:db8::5"), null)).containsExactly("2001:DB8::5");
        assertThat(sources(db, ip("2001:db8:0:1::/64"), null)).containsExactly("2001:DB8::5");
        assertThat(sources(db, FlowFilter.ANY, "\" 10.0.0.5 \"")).containsExactly("10.0.0.5");
        assertThat(sources(db, FlowFilter.ANY, "\" 010.0.0.5 \"")).containsExactly("010.0.0.5");
        assertThat(sources(db, FlowFilter.ANY, "[v, a, e, srcaddr=10.0.0.5*, ...]"))
                .containsExactly("10.0.0.5", "10.0.0.52");
        assertThat(sources(db, FlowFilter.ANY, "[v, a, e, srcaddr != \"10.0.0.5\", ...]"))
                .containsExactly("10.0.0.52", "010.0.0.5", "2001:DB8::5", "255.255.255.255", "-");
        assertThat(sources(db, FlowFilter.ANY, "[v, a, e, s, dstaddr = \"0.0.0.0\", ...]"))
                .containsExactly("255.255.255.255");
    }

    @Test
    void aWorkspaceOfTheTextLayoutIsUpgradedOnOpenEvenReadOnly() throws Exception {
        Path db = tmp.resolve("old.db");
        try (Workspace ws = Workspace.open(db);
                Statement st = ws.connection().createStatement()) {
            // the schema 2 layout: one text column per address
            st.execute("DROP VIEW flows");
            st.execute("DROP VIEW " + WorkspaceSchema.ROWS_VIEW);
            st.execute("DROP TABLE flow_records");
            st.execute(
                    "CREATE TABLE flow_records (file_id INTEGER, line BIGINT, log_stream VARCHAR, srcaddr VARCHAR, dstaddr VARCHAR, srcport INTEGER)");
            st.execute(
                    "INSERT INTO flow_records VALUES (1, 2, NULL, '10.0.0.5', '2001:db8::1', 443), (1, 3, NULL, '010.0.0.5', NULL, 22)");
            st.execute("CREATE VIEW flows AS SELECT * FROM flow_records");
            st.execute("UPDATE flowlens_meta SET value = '2' WHERE key = 'schema_version'");
        }
        try (Workspace ws = Workspace.openReadOnly(db)) {
            assertThat(ws.connection().isClosed()).isFalse();
        }
        List<Map<String, Object>> rows = query(db, "SELECT srcaddr, dstaddr, srcport FROM flows ORDER BY line");
        assertThat(rows).extracting(r -> r.get("srcaddr")).containsExactly("10.0.0.5", "010.0.0.5");
        assertThat(rows).extracting(r -> r.get("dstaddr")).containsExactly("2001:db8::1", null);
        assertThat(rows).extracting(r -> r.get("srcport")).containsExactly(443L, 22L);
        assertThat(query(db, "SELECT srcaddr_v4, srcaddr_text, dstaddr_text FROM flow_rows ORDER BY line"))
                .extracting(r -> r.get("srcaddr_v4"))
                .containsExactly(167_772_165L, null);
        assertThat(query(db, "SELECT value FROM flowlens_meta WHERE key = 'schema_version'"))
                .singleElement()
                .isEqualTo(Map.of("value", Integer.toString(WorkspaceSchema.VERSION)));
    }
}
