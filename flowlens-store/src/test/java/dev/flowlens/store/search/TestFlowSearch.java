package dev.flowlens.store.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.filter.FilterPatternParser;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.record.LogStatus;
import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFlowSearch {
    @TempDir
    Path dir;

    private Workspace ws;
    private FlowSearch search;

    @BeforeEach
    void load() throws Exception {
        ws = SearchFixture.workspace(
                dir,
                "2 123456789010 eni-1235b8ca123456789 10.0.0.5 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                "2 123456789010 eni-1235b8ca123456789 10.0.0.52 172.31.16.21 20642 22 6 20 4249 1418530011 1418530071 REJECT OK",
                "2 123456789010 eni-1235b8ca123456789 172.31.16.21 10.0.0.5 22 20641 6 20 4249 1418530012 1418530072 ACCEPT OK",
                "2 123456789010 eni-1a2b3c4d - - - - - - - 1431280876 1431280934 - NODATA",
                "2 123456789010 eni-f41c42bf 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK");
        search = new FlowSearch(ws.connection());
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    private List<String> find(FlowFilter filter, String pattern) {
        SearchResult r = search.search(new SearchRequest(filter, FilterPatternParser.parse(pattern), 100));
        return r.rows().stream()
                .map(row -> row.path().substring(row.path().lastIndexOf('/') + 1) + ":" + row.line())
                .toList();
    }

    @Test
    void quotedAddressWithSpacesIsExact() {
        assertThat(find(FlowFilter.ANY, "\" 10.0.0.5 \""))
                .containsExactly("v2.log:2", "v2.log:4", "custom.log:2", "custom.log:3");
        assertThat(find(FlowFilter.ANY, "\"10.0.0.5\"")).contains("v2.log:3");
    }

    @Test
    void patternsWorkPerFormat() {
        assertThat(find(
                        FlowFilter.ANY,
                        "[version, account, eni, source, destination, srcport, destport=\"22\", protocol=\"6\", packets, bytes, "
                                + "windowstart, windowend, action=\"REJECT\", flowlogstatus]"))
                .containsExactly("v2.log:3");
        assertThat(find(
                        FlowFilter.ANY,
                        "[eni, src, dst, sp, dp, proto, start, end, action, status, direction=ingress]"))
                .containsExactly("custom.log:3");
        assertThat(find(FlowFilter.ANY, "[..., action=REJECT, status]")).containsExactly("v2.log:3");
        assertThat(find(FlowFilter.ANY, "[..., action=REJECT || action=ACCEPT, status, dir]"))
                .containsExactly("custom.log:2", "custom.log:3");
        assertThat(find(FlowFilter.ANY, "NODATA")).containsExactly("v2.log:5");
        assertThat(find(FlowFilter.ANY, "ACCEPT -egress ?22 ?443")).containsExactly("v2.log:2", "v2.log:4", "v2.log:6");
    }

    @Test
    void structuredFiltersIncludingIpv6Blocks() {
        FlowFilter v6 =
                FlowFilter.builder().ip(Cidr.parse("2001:db8:1234:a100::/56")).build();
        assertThat(find(v6, "")).containsExactly("v2.log:6");
        FlowFilter v6src = FlowFilter.builder()
                .src(Cidr.parse("2001:db8:1234:a100:8d6e:3477:df66:f105"))
                .build();
        assertThat(find(v6src, "")).containsExactly("v2.log:6");
        FlowFilter v6miss =
                FlowFilter.builder().src(Cidr.parse("2001:db8:1234:a102::/64")).build();
        assertThat(find(v6miss, "")).isEmpty();
        FlowFilter eniWindow = FlowFilter.builder()
                .enis(List.of("eni-99"))
                .from(1418530150L)
                .to(1418530160L)
                .ip(Cidr.parse("10.0.0.0/24"))
                .port(443)
                .protocol(6)
                .action(Action.REJECT)
                .status(LogStatus.OK)
                .build();
        assertThat(find(eniWindow, "")).containsExactly("custom.log:3");
    }

    @Test
    void rowsCarryTheirFormatAndMessage() {
        SearchResult r = search.search(new SearchRequest(FlowFilter.ANY, FilterPatternParser.parse("eni-99"), 1));
        assertThat(r.more()).isTrue();
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0).message())
                .isEqualTo("eni-99 10.0.0.5 192.168.1.1 443 51000 6 1418530100 1418530160 ACCEPT OK egress");
    }
}
