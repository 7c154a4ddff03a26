package dev.flowlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.cli.FlowlensCli;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark of the issue: {@link FakeAws} serving 1,000,000 events in 50 streams, 10,000 a page;
 * {@code ingest cloudwatch:} in a child JVM under {@code /usr/bin/time -v} with the limit off and at
 * the default rate limit, against two baselines in the same run: the same events as one local text
 * file (the messages, as an S3 delivery holds them) and as 100 local files of 10,000 events in the
 * JSON {@code aws logs filter-log-events} prints (the bytes the CloudWatch run ingests, without the
 * service, the journal or the paging). Prints events per second, the ratio to the text baseline and
 * peak memory (maximum resident set); reports, never decides by time. Runs only with
 * {@code -Dflowlens.bench=true} (flowlens-bench/cloudwatch-bench.sh runs it):
 * {@code mvn test -pl flowlens-cli -am -Dtest=TestCloudWatchBench -Dsurefire.failIfNoSpecifiedTests=false -Dflowlens.bench=true -Djacoco.skip=true}.
 * {@code -Dflowlens.bench.rates=0,4} (the default) picks the runs, {@code -Dflowlens.bench.before=CLASSPATH}
 * adds the same runs of another build (the one before a change) for comparison, {@code -Dflowlens.bench.jvm='-XX:...'}
 * adds options to the child JVMs (a flight recording, say), {@code -Dflowlens.bench.xmx} sets their heap (512m, with the
 * parallel collector, as {@code ./flowlens} runs).
 */
@EnabledIfSystemProperty(named = "flowlens.bench", matches = "true")
class TestCloudWatchBench {
    static final int EVENTS = 1_000_000;
    static final int STREAMS = 50;
    static final int PAGE = 10_000;

    @TempDir
    Path tmp;

    /** A child ingest's figures: wall seconds, its JSON summary, peak RSS (KB), CPU seconds (user + system). */
    private record Run(double seconds, JsonNode json, long rssKb, double cpuSeconds) {}

    @Test
    void millionEventsAtTheDefaultLimitAndWithout() throws Exception {
        try (FakeAws aws = new FakeAws()) {
            // the flow log delivering to the group writes the default format (read from DescribeFlowLogs)
            ArrayNode flowLog = CloudWatchFixture.demoFlowLog("ALL");
            ((ObjectNode) flowLog.get(0))
                    .put(
                            "LogFormat",
                            "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
                                    + "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}");
            aws.serveFlowLogs(flowLog);
            events(aws);
            aws.logsPageSize = PAGE;
            Path text = tmp.resolve("text");
            Path pages = tmp.resolve("pages");
            writeBaselines(aws.events, text, pages);
            Run local = ingest("local-text", testClassPath(), List.of(text.toString(), "--format", "v2"));
            report("baseline local text file", local, local);
            Run json = ingest("local-json", testClassPath(), List.of(pages.toString(), "--format", "v2"));
            report("baseline 100 local JSON pages", json, local);
            String before = System.getProperty("flowlens.bench.before", "").trim();
            for (String rate : System.getProperty("flowlens.bench.rates", "0,4").split(",")) {
                if (!before.isEmpty()) {
                    cloudWatch(aws, "before", before, rate, local);
                }
                cloudWatch(aws, "after", testClassPath(), rate, local);
            }
        }
    }

    /** One CloudWatch run of the build on {@code classPath} (this one, or the one before the change). */
    private void cloudWatch(FakeAws aws, String build, String classPath, String rate, Run local)
            throws IOException, InterruptedException {
        Run r = ingest(
                build + "-rate-" + rate,
                classPath,
                List.of(
                        "cloudwatch:" + FakeAws.GROUP,
                        "--endpoint-url",
                        aws.endpoint().toString(),
                        "--region",
                        "us-east-1",
                        "--rate-limit",
                        rate));
        JsonNode cw = r.json().get("cloudwatch");
        assertThat(cw.get("events_loaded").asLong()).isEqualTo(EVENTS);
        report(build + " cloudwatch --rate-limit " + rate, r, local);
        System.out.printf(
                "BENCH   pages %d, requests %d, rate-limit wait %.1f s; ingest %.1f s%n",
                cw.get("pages").asLong(),
                cw.get("requests").asLong(),
                cw.get("rate_limit_wait_seconds").asDouble(),
                cw.get("ingest_seconds").asDouble());
    }

    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void events(FakeAws aws) {
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
    }

    /** The events as one text file of messages, and as pages of filter-log-events JSON. */
    private static void writeBaselines(List<FakeAws.Event> events, Path text, Path pages) throws IOException {
        Files.createDirectories(text);
        Files.createDirectories(pages);
        try (BufferedWriter w = Files.newBufferedWriter(text.resolve("flows.log"), StandardCharsets.UTF_8)) {
            for (FakeAws.Event e : events) {
                w.write(e.message());
                w.write('\n');
            }
        }
        JsonFactory factory = new JsonFactory();
        for (int p = 0; p * PAGE < events.size(); p++) {
            try (OutputStream out = Files.newOutputStream(pages.resolve(String.format("page-%03d.json", p)));
                    JsonGenerator g = factory.createGenerator(out)) {
                g.writeStartObject();
                g.writeArrayFieldStart("events");
                for (FakeAws.Event e : events.subList(p * PAGE, Math.min(events.size(), (p + 1) * PAGE))) {
                    g.writeRaw('\n');
                    FakeAws.writeEvent(g, e);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
    }

    private Run ingest(String name, String cp, List<String> args) throws IOException, InterruptedException {
        Path db = tmp.resolve("bench-" + name + ".db");
        Path timing = tmp.resolve("time-" + name + ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                "/usr/bin/time",
                "-v",
                "-o",
                timing.toString(),
                java,
                "-Xmx" + System.getProperty("flowlens.bench.xmx", "512m"),
                "-XX:+UseParallelGC",
                "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                "-Daws.accessKeyId=AKIDEXAMPLE",
                "-Daws.secretAccessKey=secret"));
        String extra = System.getProperty("flowlens.bench.jvm", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(Arrays.asList(extra.replace("NAME", name).split("\\s+")));
        }
        cmd.addAll(List.of("-cp", cp, FlowlensCli.class.getName(), "ingest", "--db", db.toString(), "--quiet"));
        cmd.addAll(List.of("-o", "json"));
        cmd.addAll(args);
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out + err).isZero();
        double seconds = (System.nanoTime() - started) / 1e9;
        // a flight recording announces itself on standard output first
        JsonNode j = new ObjectMapper().readTree(out.substring(Math.max(0, out.indexOf('{'))));
        assertThat(j.get("records").asLong()).as(out).isEqualTo(EVENTS);
        assertThat(j.get("bad_lines").asLong()).as(out).isZero();
        List<String> time = Files.readAllLines(timing);
        return new Run(
                seconds,
                j,
                (long) figure(time, "Maximum resident set size"),
                figure(time, "User time") + figure(time, "System time"));
    }

    /** A figure of /usr/bin/time -v's report ({@code \tUser time (seconds): 1.23}). */
    private static double figure(List<String> time, String name) {
        return time.stream()
                .filter(l -> l.trim().startsWith(name))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(':') + 1).trim()))
                .findFirst()
                .orElse(0.0);
    }

    private static void report(String name, Run r, Run baseline) {
        System.out.printf(
                "BENCH %-30s %,9d events in %5.1f s = %,8.0f events/s (wall, JVM start included), %.2fx the text baseline's time;"
                        + " CPU %.1f s (%.2fx); peak RSS %,d MB%n",
                name,
                EVENTS,
                r.seconds(),
                EVENTS / r.seconds(),
                r.seconds() / baseline.seconds(),
                r.cpuSeconds(),
                r.cpuSeconds() / baseline.cpuSeconds(),
                r.rssKb() / 1024);
    }
}
