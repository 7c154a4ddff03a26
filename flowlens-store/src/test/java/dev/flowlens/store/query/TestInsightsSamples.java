package dev.flowlens.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.insights.PlanOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every VPC flow log sample query of the CloudWatch Logs Insights documentation ("Sample queries"),
 * run unchanged and checked against hand-written SQL over the same generated records, plus queries
 * for the rest of the language.
 */
class TestInsightsSamples {
    @TempDir
    static Path dir;

    static Connection connection;
    static QueryRunner runner;

    @BeforeAll
    static void load() throws Exception {
        Path db = InsightsTestData.workspace(dir, 4000, 42);
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        connection = DriverManager.getConnection("jdbc:duckdb:" + db, p);
        runner = new QueryRunner(connection);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    static QueryResult insights(String q) {
        return runner.insights(q, PlanOptions.defaults());
    }

    /** Runs the Insights query and asserts its rows are those of the hand-written SQL, in order. */
    static QueryResult sameRows(String query, String expectedSql) throws SQLException {
        QueryResult r = insights(query);
        assertThat(r.rows()).isEqualTo(sql(expectedSql));
        return r;
    }

    static List<List<Object>> sql(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return QueryRunner.read(rs).rows();
        }
    }

    @Test
    void topPacketTransfersAcrossHosts() throws SQLException {
        QueryResult r = sameRows(
                "stats sum(packets) as packetsTransferred by srcAddr, dstAddr\n| sort packetsTransferred  desc\n| limit 15",
                "SELECT srcaddr, dstaddr, sum(packets) AS p FROM flows GROUP BY srcaddr, dstaddr ORDER BY p DESC LIMIT 15");
        assertThat(r.columns()).containsExactly("srcAddr", "dstAddr", "packetsTransferred");
        assertThat(r.rows()).hasSize(15);
    }

    @Test
    void topByteTransfersForHostsOnSubnet() throws SQLException {
        QueryResult r = sameRows(
                "filter isIpv4InSubnet(srcAddr, \"192.0.2.0/24\")\n| stats sum(bytes) as bytesTransferred by dstAddr\n"
                        + "| sort bytesTransferred desc\n| limit 15",
                "SELECT dstaddr, sum(bytes) AS b FROM flows WHERE srcaddr LIKE '192.0.2.%' GROUP BY dstaddr ORDER BY b DESC LIMIT 15");
        assertThat(r.columns()).containsExactly("dstAddr", "bytesTransferred");
        assertThat(r.rows()).hasSize(15);
    }

    @Test
    void addressesUsingUdp() throws SQLException {
        QueryResult r = insights("filter protocol=17 | stats count(*) by srcAddr");
        assertThat(r.columns()).containsExactly("srcAddr", "count(*)");
        assertThat(r.rows())
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(
                        sql("SELECT srcaddr, count(*) FROM flows WHERE protocol = 17 GROUP BY srcaddr"));
    }

    @Test
    void skippedRecordsPerHour() throws SQLException {
        QueryResult r = sameRows(
                "filter logStatus=\"SKIPDATA\"\n| stats count(*) by bin(1h) as t\n| sort t",
                "SELECT strftime(to_timestamp(start - start % 3600), '%Y-%m-%dT%H:%M:%SZ'), count(*) FROM flows WHERE log_status = 'SKIPDATA' GROUP BY 1 ORDER BY 1");
        assertThat(r.columns()).containsExactly("t", "count(*)");
        assertThat(r.rows()).isNotEmpty();
    }

    @Test
    void olderDocsByteTransfersComparesTheAddressAsText() throws SQLException {
        // an older revision of the page wrote filter srcAddr= "192.0.2.0/24": a text comparison, as in Insights
        sameRows(
                "filter srcAddr= \"192.0.2.0/24\"\n| stats sum(bytes) as bytesTransferred by dstAddr\n| sort bytesTransferred  desc\n| limit 15",
                "SELECT dstaddr, sum(bytes) AS b FROM flows WHERE srcaddr = '192.0.2.0/24' GROUP BY 1 ORDER BY b DESC LIMIT 15");
    }

    @Test
    void mostRecentEvents() throws SQLException {
        QueryResult r = sameRows(
                "fields @timestamp, @message | sort @timestamp desc | limit 25",
                "SELECT strftime(to_timestamp(start), '%Y-%m-%dT%H:%M:%SZ'), concat_ws(' ', version, account_id, "
                        + "interface_id, coalesce(srcaddr, '-'), coalesce(dstaddr, '-'), coalesce(CAST(srcport AS VARCHAR), '-'), coalesce(CAST(dstport AS VARCHAR), '-'), "
                        + "coalesce(CAST(protocol AS VARCHAR), '-'), coalesce(CAST(packets AS VARCHAR), '-'), coalesce(CAST(bytes AS VARCHAR), '-'), start, \"end\", "
                        + "coalesce(action, '-'), log_status) FROM flows ORDER BY start DESC LIMIT 25");
        assertThat(r.columns()).containsExactly("@timestamp", "@message");
        assertThat(r.rows()).hasSize(25);
        assertThat((String) r.rows().get(0).get(1)).startsWith("5 123456789012 eni-");
    }

    @Test
    void messageNotLike() throws SQLException {
        sameRows(
                "fields @message | filter @message not like /REJECT/ | stats count(*) as n",
                "SELECT count(*) FROM flows WHERE coalesce(action, '-') <> 'REJECT'");
    }

    @Test
    void numberFieldComparedWithQuotedNumbersAndInList() throws SQLException {
        QueryResult r = sameRows(
                "filter dstPort=\"80\" or dstPort=\"443\" or dstPort in [22, 3389] | stats count(*) as hits by dstPort | sort dstPort",
                "SELECT dstport, count(*) FROM flows WHERE dstport IN (80, 443, 22, 3389) GROUP BY 1 ORDER BY 1");
        assertThat(r.rows()).hasSize(4);
    }

    @Test
    void likeRegexAndNot() throws SQLException {
        sameRows(
                "filter srcAddr like \"198.51.\" and interfaceId =~ /^eni-0[ab]/ and not (action = 'REJECT') | stats count(*)",
                "SELECT count(*) FROM flows WHERE contains(srcaddr, '198.51.') AND regexp_matches(interface_id, '^eni-0[ab]') AND action <> 'REJECT'");
    }

    @Test
    void aggregateFunctions() throws SQLException {
        QueryResult r = sameRows(
                "filter action = 'ACCEPT' | stats count_distinct(dstAddr) as peers, avg(bytes) as avgBytes, min(start) as first, "
                        + "max(`end`) as last, pct(bytes, 95) as p95, earliest(srcAddr) as firstSrc, latest(srcAddr) as lastSrc by interfaceId | sort interfaceId",
                "SELECT interface_id, count(DISTINCT dstaddr), avg(bytes), min(start), max(\"end\"), "
                        + "quantile_disc(bytes, 0.95), arg_min(srcaddr, start), arg_max(srcaddr, start) FROM flows WHERE action = 'ACCEPT' GROUP BY 1 ORDER BY 1");
        assertThat(r.rows()).hasSize(5);
    }

    /**
     * Address equalities and blocks compare the stored number (no text rendered per record) with
     * the same three-valued results as the text: IPv6 rows, absent addresses and NOT included.
     */
    @Test
    void addressComparisonsMatchTheTextOfFlows() throws SQLException {
        String a = (String)
                sql("SELECT srcaddr FROM flows WHERE srcaddr LIKE '%.%.%.%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
                        .get(0)
                        .get(0);
        String[][] cases = {
            {"filter srcAddr = \"" + a + "\"", "srcaddr = '" + a + "'"},
            {"filter srcAddr != \"" + a + "\"", "srcaddr <> '" + a + "'"},
            {"filter not (srcAddr = \"" + a + "\")", "NOT (srcaddr = '" + a + "')"},
            {
                "filter \"" + a + "\" = dstAddr or srcAddr = \"" + a + "\"",
                "'" + a + "' = dstaddr OR srcaddr = '" + a + "'"
            },
            {"filter not isIpv4InSubnet(srcAddr, \"10.0.0.0/8\")", "NOT coalesce(srcaddr LIKE '10.%', false)"},
            {"filter isIpv4InSubnet(dstAddr, \"10.0.0.0/8\")", "dstaddr LIKE '10.%'"},
            {"filter isIpInSubnet(srcAddr, \"2001:db8::/32\")", "srcaddr LIKE '2001:db8:%'"},
        };
        for (String[] c : cases) {
            QueryResult r = insights(c[0] + " | stats count(*) as n");
            assertThat(r.rows()).as(c[0]).isEqualTo(sql("SELECT count(*) FROM flows WHERE " + c[1]));
        }
        assertThat((Long) insights(cases[0][0] + " | stats count(*) as n")
                        .rows()
                        .get(0)
                        .get(0))
                .isPositive();
        assertThat((Long) insights(cases[6][0] + " | stats count(*) as n")
                        .rows()
                        .get(0)
                        .get(0))
                .isPositive();
        assertThat(QueryRunner.plan(cases[0][0] + " | stats count(*) as n", PlanOptions.defaults())
                        .sql())
                .contains("srcaddr_v4")
                .doesNotContain("concat_ws");
    }

    @Test
    void ipv6Subnet() throws SQLException {
        QueryResult r = sameRows(
                "filter isIpInSubnet(srcAddr, \"2001:db8::/64\") | stats count(*) as n",
                "SELECT count(*) FROM flows WHERE srcaddr LIKE '2001:db8::%'");
        assertThat((Long) r.rows().get(0).get(0)).isPositive();
    }

    @Test
    void dedupKeepsTheFirstRowPerValueInSortOrder() throws SQLException {
        QueryResult r =
                insights("filter ispresent(srcAddr) | sort bytes desc | dedup interfaceId | fields interfaceId, bytes");
        assertThat(r.rows())
                .isEqualTo(
                        sql(
                                "SELECT interface_id, max(bytes) AS b FROM flows WHERE srcaddr IS NOT NULL GROUP BY 1 ORDER BY b DESC"));
    }

    @Test
    void parseGlobFromMessage() throws SQLException {
        sameRows(
                "parse @message \"* * * * *\" as v, account, eni, src, rest | filter eni = 'eni-0a1' | stats count(*) as n by src | sort n desc, src | limit 5",
                "SELECT coalesce(srcaddr, '-') AS s, count(*) AS n FROM flows WHERE interface_id = 'eni-0a1' GROUP BY 1 ORDER BY n DESC, s LIMIT 5");
    }

    @Test
    void parseRegexAndDisplayWithComputedField() throws SQLException {
        QueryResult r = sameRows(
                "parse @message /(?<acct>\\d{12}) (?<nic>eni-\\w+)/ | filter ispresent(nic) | stats count(*) as n by nic, acct "
                        + "| display nic, n, n > 700 as busy | sort nic",
                "SELECT interface_id, count(*), count(*) > 700 FROM flows GROUP BY 1 ORDER BY 1");
        assertThat(r.columns()).containsExactly("nic", "n", "busy");
    }

    @Test
    void fieldsWithFunctionsAndTimeRange() throws SQLException {
        long from = InsightsTestData.T0 + 600;
        long to = InsightsTestData.T0 + 1200;
        QueryResult r = runner.insights(
                "fields toupper(action) as act, bytes / packets as avgSize, datefloor(@timestamp, 5m) as bucket "
                        + "| filter ispresent(act) | stats count(*) as n, sum(avgSize) as s by bucket, act | sort bucket, act",
                new PlanOptions(from, to, 1000));
        assertThat(r.rows())
                .isNotEmpty()
                .isEqualTo(sql(
                        "SELECT strftime(to_timestamp(start - start % 300), '%Y-%m-%dT%H:%M:%SZ'), upper(action), count(*), "
                                + "sum(bytes / packets) FROM flows WHERE start BETWEEN " + from + " AND " + to
                                + " AND action IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"));
    }

    @Test
    void filterAfterLimitSeesOnlyTheLimitedRows() throws SQLException {
        sameRows(
                "sort @timestamp asc | limit 100 | filter action = 'REJECT' | stats count(*) as n",
                "SELECT count(*) FROM (SELECT * FROM flows ORDER BY start LIMIT 100) WHERE action = 'REJECT'");
    }

    @Test
    void defaultLimitIsOneThousandRowsAndCanBeRaised() {
        assertThat(insights("fields srcAddr").rows()).hasSize(1000);
        assertThat(insights("fields srcAddr | limit 3000").rows()).hasSize(3000);
    }
}
