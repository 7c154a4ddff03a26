package dev.flowlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.cli.FlowlensCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark of the issue: {@link FakeAws} serving 1,000,000 events in 50 streams, 10,000 a page;
 * {@code ingest cloudwatch:} in a child JVM under {@code /usr/bin/time -v} at the default rate limit
 * and with the limit off: events per second and peak memory (maximum resident set). Reports, never
 * decides by time; runs only with {@code -Dflowlens.bench=true}:
 * {@code mvn test -pl flowlens-cli -am -Dtest=TestCloudWatchBench -Dsurefire.failIfNoSpecifiedTests=false -Dflowlens.bench=true -Djacoco.skip=true}
 */
@EnabledIfSystemProperty(named = "flowlens.bench", matches = "true")
class TestCloudWatchBench {
    static final int EVENTS = 1_000_000;
    static final int STREAMS = 50;

    @TempDir
    Path tmp;

    @Test
    void millionEventsAtTheDefaultLimitAndWithout() throws Exception {
        try (FakeAws aws = new FakeAws()) {
            aws.serveFlowLogs(CloudWatchFixture.demoFlowLog("ALL"));
            long t0 = 1_795_168_800_000L;
            for (int i = 0; i < EVENTS; i++) {
                int s = i % STREAMS;
                String eni = String.format("eni-0a1b2c3d4e5f%05d", s);
                long start = (t0 / 1000) + i / 500;
                String line = "2 123456789012 " + eni + " 10.0." + (s + 1) + "." + (1 + i % 250) + " 10.1.0."
                        + (1 + i % 200) + " "
                        + (32768 + i % 28000) + " 443 6 " + (1 + i % 40) + " " + (60 + i % 9000) + " " + start + " "
                        + (start + 60)
                        + " ACCEPT OK";
                aws.events.add(new FakeAws.Event(
                        String.format("%056d", 1_000_000_000L + i),
                        eni + "-all",
                        start * 1000,
                        start * 1000 + 90_000,
                        line));
            }
            aws.logsPageSize = 10_000;
            for (String rate : System.getProperty("flowlens.bench.rates", "0,4").split(",")) {
                Path db = tmp.resolve("bench-" + rate + ".db");
                Path timing = tmp.resolve("time-" + rate + ".txt");
                String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
                String java =
                        Path.of(System.getProperty("java.home"), "bin", "java").toString();
                List<String> cmd = new ArrayList<>(List.of(
                        "/usr/bin/time",
                        "-v",
                        "-o",
                        timing.toString(),
                        java,
                        "-Xmx" + System.getProperty("flowlens.bench.xmx", "1g"),
                        "-Daws.accessKeyId=AKIDEXAMPLE",
                        "-Daws.secretAccessKey=secret",
                        "-cp",
                        cp,
                        FlowlensCli.class.getName(),
                        "ingest",
                        "--db",
                        db.toString(),
                        "cloudwatch:" + FakeAws.GROUP,
                        "--endpoint-url",
                        aws.endpoint().toString(),
                        "--region",
                        "us-east-1",
                        "--rate-limit",
                        rate,
                        "--quiet",
                        "-o",
                        "json",
                        "--format",
                        "v2"));
                long started = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(out).isZero();
                double seconds = (System.nanoTime() - started) / 1e9;
                JsonNode j = new ObjectMapper().readTree(out);
                assertThat(j.get("cloudwatch").get("events_loaded").asLong()).isEqualTo(EVENTS);
                String rss = Files.readAllLines(timing).stream()
                        .filter(l -> l.contains("Maximum resident set size"))
                        .findFirst()
                        .orElse("?");
                System.out.printf(
                        "BENCH rate-limit=%s: %,d events in %.1f s = %,.0f events/s (wall, JVM start included); pages %d, requests %d, "
                                + "rate-limit wait %.1f s; journal %.1f s, ingest %.1f s, prune %.1f s; %s%n",
                        rate,
                        EVENTS,
                        seconds,
                        EVENTS / seconds,
                        j.get("cloudwatch").get("pages").asLong(),
                        j.get("cloudwatch").get("requests").asLong(),
                        j.get("cloudwatch").get("rate_limit_wait_seconds").asDouble(),
                        j.get("cloudwatch").get("journal_seconds").asDouble(),
                        j.get("cloudwatch").get("ingest_seconds").asDouble(),
                        j.get("cloudwatch").get("prune_seconds").asDouble(),
                        rss.trim());
            }
        }
    }
}
