package dev.flowlens.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.demo.DemoVpc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The self-contained report: everything inline, hostile text escaped, the diagnoses of what failed. */
class TestHtmlReport {
    @RegisterExtension
    static final WebWorkspace WEB = new WebWorkspace();

    @Test
    void oneFileWithChartsTablesSecurityReportsAndDiagnoses() throws Exception {
        Path out = WEB.dir().resolve("report.html");
        HtmlReport.write(WEB.db(), null, DemoVpc.START, DemoVpc.START + DemoVpc.DURATION, out, WebWorkspace.CLOCK);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        // (checked as booleans: a failure must not print the megabyte of inline ECharts)
        assertThat(html.startsWith("<!DOCTYPE html>")).as("doctype").isTrue();
        assertThat(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
                .as("policy forbids the network")
                .isTrue();
        assertThat(html.contains("<script src=") || html.contains("<link "))
                .as("no external script or style")
                .isFalse();
        assertThat(html.length()).as("ECharts inline").isGreaterThan(1_000_000);
        // hostile text only as JSON escapes
        assertThat(html.contains("<script>window.pwned")).as("hostile eni raw").isFalse();
        assertThat(html.contains("<img src=x")).as("hostile file name raw").isFalse();
        assertThat(html.contains("eni-\\u003Cscript\\u003Ewindow.pwned=1\\u003C/script\\u003E"))
                .as("hostile eni escaped")
                .isTrue();
        assertThat(html.contains("\"verdict\":\"NO_RESPONSE\""))
                .as("a NO_RESPONSE diagnosis")
                .isTrue();
        assertThat(html.contains("\"report\":\"rejected-traffic\""))
                .as("security report")
                .isTrue();
        assertThat(html.contains("\"talkers\"")).as("top talkers").isTrue();
    }
}
