package dev.flowlens.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSearchCommand {
    @TempDir
    Path dir;

    private Path db;
    private Path log;
    private String out;
    private String err;

    @BeforeEach
    void load() throws Exception {
        log = dir.resolve("flows.log");
        Files.writeString(
                log,
                String.join(
                        "\n",
                        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
                        "2 123456789010 eni-1235b8ca123456789 10.0.0.5 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                        "2 123456789010 eni-1235b8ca123456789 10.0.0.52 172.31.16.21 20642 22 6 20 4249 1418530011 1418530071 REJECT OK",
                        "2 123456789010 eni-f41c42bf 2001:db8::5 2001:db8::6 34892 443 17 54 8855 1418530012 1418530072 ACCEPT OK",
                        ""));
        db = dir.resolve("w.db");
        try (Workspace ws = Workspace.open(db)) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(log));
        }
    }

    /** Runs {@code search --db DB args}; keeps stdout and stderr in {@link #out} and {@link #err}. */
    private int run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "search";
        all[1] = "--db";
        all[2] = db.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        CliRun.Result r = CliRun.run(all);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void tableIsReadable() {
        assertThat(run("\" 10.0.0.5 \"")).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0))
                .contains("time", "eni", "protocol", "source", "destination", "packets", "bytes", "action", "status");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .contains(
                        "2014-12-14T04:06:50Z",
                        "eni-1235b8ca123456789",
                        "TCP",
                        "10.0.0.5:20641",
                        "172.31.16.21:22",
                        "4249",
                        "ACCEPT",
                        "OK",
                        log + ":2");
        assertThat(run("--protocol", "udp")).isZero();
        assertThat(out).contains("UDP", "[2001:db8::5]:34892", "[2001:db8::6]:443");
    }

    @Test
    void jsonAndCsvUseAwsNamesWithFileAndLine() {
        assertThat(run("--output", "json", "--ip", "10.0.0.52")).isZero();
        assertThat(out)
                .contains(
                        "\"interface-id\" : \"eni-1235b8ca123456789\"",
                        "\"srcaddr\" : \"10.0.0.52\"",
                        "\"dstport\" : 22",
                        "\"log-status\" : \"OK\"",
                        "\"start\" : 1418530011",
                        "\"file\" : \"" + log + "\"",
                        "\"line\" : 3");
        assertThat(run("-o", "csv", "--fields", "srcaddr,dstport,action,file,line", "REJECT"))
                .isZero();
        assertThat(out.lines().toList())
                .containsExactly("srcaddr,dstport,action,file,line", "10.0.0.52,22,REJECT," + log + ",3");
        assertThat(run("-o", "jsonl", "--dst-port", "22")).isZero();
        assertThat(out.lines()).hasSize(2).allMatch(l -> l.startsWith("{\"version\":2,"));
    }

    @Test
    void rawPrintsMessagesAndLimitSaysWhenMoreMatched() {
        assertThat(run("--raw", "--limit", "1")).isZero();
        assertThat(out.lines().toList())
                .containsExactly(
                        "2 123456789010 eni-1235b8ca123456789 10.0.0.5 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                        "(first 1 records shown; more matched: narrow the search or raise --limit)");
        assertThat(run("[..., action=REJECT, status]", "--raw")).isZero();
        assertThat(out).contains("10.0.0.52").doesNotContain("more matched");
        assertThat(run("NOTHING-LIKE-THIS")).isZero();
        assertThat(out).contains("(no records matched)");
    }

    @Test
    void patternErrorsShowACaret() {
        assertThat(run("[version, account, destport=]")).isEqualTo(2);
        assertThat(err)
                .contains("  [version, account, destport=]\n" + "  " + " ".repeat(28) + "^")
                .contains("filter pattern error at position 29: expected a value after '='")
                .contains("[INVALID_FILTER_PATTERN]");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(run("--from", "last tuesday")).isEqualTo(2);
        assertThat(err)
                .contains("option '--from': cannot read time 'last tuesday'")
                .contains("[INVALID_TIME]");
        assertThat(run("--src", "10.0.0.0/33")).isEqualTo(2);
        assertThat(err).contains("--src").contains("[INVALID_ADDRESS]");
        assertThat(run("--port", "http")).isEqualTo(2);
        assertThat(err).contains("option '--port': cannot read port 'http'").contains("[INVALID_PORT]");
        assertThat(run("--fields", "srcaddr,nope")).isEqualTo(2);
        assertThat(err).contains("unknown field 'nope'").contains("[UNKNOWN_FIELD]");
        assertThat(run("--limit", "0")).isEqualTo(2);
        assertThat(err).contains("--limit must be at least 1");
    }
}
