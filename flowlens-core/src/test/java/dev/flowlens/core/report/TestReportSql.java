package dev.flowlens.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.insights.DuckDbDialect;
import org.junit.jupiter.api.Test;

class TestReportSql {
    @Test
    void everyReportBuildsItsSqlWithAndWithoutItsOptionalValues() {
        ReportOptions none = new ReportOptions(null, null, "10.0.1.5", null, 10, 3600, 10);
        ReportOptions all = new ReportOptions(1L, 2L, "10.0.1.5", "eni-0a1b2c3d", 10, 3600, 10);
        for (Report r : Reports.ALL) {
            for (ReportOptions o : new ReportOptions[] {none, all}) {
                ReportSql sql = r.sql(o, DuckDbDialect.INSTANCE);
                assertThat(sql.sql()).as(r.name()).isNotBlank();
                long placeholders = sql.sql().chars().filter(c -> c == '?').count();
                assertThat(sql.params()).as(r.name()).hasSize((int) placeholders);
            }
        }
    }

    @Test
    void natGatewayWithoutAnEniFindsTheGatewaysByInterfaceType() {
        Report nat = Reports.require("nat-gateway-top-talkers");
        ReportSql sql = nat.sql(new ReportOptions(null, null, null, null, 10, 3600, 10), DuckDbDialect.INSTANCE);
        assertThat(sql.params()).endsWith("", null, 10); // after the window
        assertThat(sql.sql()).contains("interface_type = 'nat_gateway'");
    }
}
