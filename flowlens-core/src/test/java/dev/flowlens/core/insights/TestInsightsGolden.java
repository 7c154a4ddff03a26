package dev.flowlens.core.insights;

import dev.flowlens.core.golden.GoldenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for the parser (the AST) and the planner (SQL and parameters). Regenerate after an
 * intended change with {@code mvn test -pl flowlens-core -Dtest=TestInsightsGolden -Dflowlens.golden.update=true}
 * and review the diff.
 */
class TestInsightsGolden {
    static final GoldenFiles GOLDEN =
            new GoldenFiles(Path.of("flowlens-core/src/test/resources/dev/flowlens/core/insights/golden"));

    static Map<String, String> queries() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sample-top-packets", """
                stats sum(packets) as packetsTransferred by srcAddr, dstAddr
                | sort packetsTransferred  desc
                | limit 15""");
        q.put("sample-subnet-bytes", """
                filter isIpv4InSubnet(srcAddr, "192.0.2.0/24")
                | stats sum(bytes) as bytesTransferred by dstAddr
                | sort bytesTransferred desc
                | limit 15""");
        q.put("sample-udp", "filter protocol=17 | stats count(*) by srcAddr");
        q.put("sample-skipdata", """
                filter logStatus="SKIPDATA"
                | stats count(*) by bin(1h) as t
                | sort t""");
        q.put("sample-recent", "fields @timestamp, @message | sort @timestamp desc | limit 25");
        q.put("default-fields", "filter action = 'REJECT'");
        q.put(
                "in-like-regex",
                "filter dstPort in [22, \"3389\"] and srcAddr like '10.' and interfaceId =~ /^eni-(?i)AB/ and not logStatus != 'OK'");
        q.put("ipv6-subnet", "filter isIpInSubnet(dstAddr, \"2001:db8::/32\") | fields srcAddr, dstAddr");
        q.put("parse-glob", "parse @message \"* * * * *\" as v, account, eni, src, rest | display eni, src");
        q.put("dedup-after-sort", "sort bytes desc | dedup srcAddr, dstAddr | limit 10");
        q.put("filter-after-limit", "limit 5 | filter bytes > 1000.5");
        q.put(
                "stats-expressions",
                "stats sum(bytes) as b, count(*) as n, b / n as avg, pct(bytes, 99) by interfaceId, datefloor(@timestamp, 5m)");
        return q;
    }

    static java.util.stream.Stream<String> names() {
        return queries().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void parserAndPlannerMatchGoldenFiles(String name) throws IOException {
        String text = queries().get(name);
        Query query = InsightsParser.parse(text);
        StringBuilder ast = new StringBuilder("# query\n").append(text).append("\n# commands\n");
        for (Command c : query.commands()) {
            ast.append(c).append('\n');
        }
        GOLDEN.check(name + ".ast", ast.toString());
        GOLDEN.check(
                name + ".sql",
                InsightsPlanner.plan(query, PlanOptions.defaults()).describe());
    }
}
