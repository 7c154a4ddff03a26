package dev.flowlens.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.record.LogStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class TestFilterOptions {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        FilterOptions filters;
    }

    private static FlowFilter parse(String... args) {
        Probe p = new Probe();
        Converters.register(new CommandLine(p)).parseArgs(args);
        return p.filters.toFilter(CLOCK);
    }

    @Test
    void noOptionsIsAny() {
        assertThat(parse()).isEqualTo(FlowFilter.ANY);
    }

    @Test
    void readsEveryOption() {
        FlowFilter f = parse(
                "--eni",
                "eni-1",
                "--eni",
                "eni-2,eni-3",
                "--from",
                "-2h",
                "--to",
                "2026-11-27T11:30:00Z",
                "--ip",
                "10.0.0.0/16",
                "--src",
                "10.0.0.5",
                "--dst",
                "2001:db8::/32",
                "--port",
                "443",
                "--src-port",
                "1024",
                "--dst-port",
                "22",
                "--protocol",
                "tcp",
                "--action",
                "reject",
                "--status",
                "ok");
        assertThat(f.enis()).containsExactly("eni-1", "eni-2", "eni-3");
        assertThat(f.from()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z").getEpochSecond());
        assertThat(f.to()).isEqualTo(Instant.parse("2026-11-27T11:30:00Z").getEpochSecond());
        assertThat(f.ip()).isEqualTo(Cidr.parse("10.0.0.0/16"));
        assertThat(f.src()).isEqualTo(Cidr.parse("10.0.0.5"));
        assertThat(f.dst()).isEqualTo(Cidr.parse("2001:db8::/32"));
        assertThat(List.of(f.port(), f.srcPort(), f.dstPort(), f.protocol())).containsExactly(443, 1024, 22, 6);
        assertThat(f.action()).isEqualTo(Action.REJECT);
        assertThat(f.status()).isEqualTo(LogStatus.OK);
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> parse("--port", "70000"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--port")
                .hasMessageContaining("70000")
                .extracting(e -> Converters.codeOf((CommandLine.ParameterException) e))
                .isEqualTo(ErrorCode.INVALID_PORT);
        assertThatThrownBy(() -> parse("--src", "10.0.0.0/40"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--src")
                .extracting(e -> Converters.codeOf((CommandLine.ParameterException) e))
                .isEqualTo(ErrorCode.INVALID_ADDRESS);
        assertThatThrownBy(() -> parse("--from", "yesterday"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--from")
                .extracting(e -> Converters.codeOf((CommandLine.ParameterException) e))
                .isEqualTo(ErrorCode.INVALID_TIME);
        assertThatThrownBy(() -> parse("--from", "-1h", "--to", "-2h"))
                .isInstanceOf(FlowlensException.class)
                .hasMessageContaining("after");
        assertThatThrownBy(() -> parse("--action", "drop"))
                .isInstanceOf(FlowlensException.class)
                .hasMessageContaining("accept or reject");
        assertThatThrownBy(() -> parse("--status", "bad"))
                .isInstanceOf(FlowlensException.class)
                .hasMessageContaining("skipdata");
        assertThatThrownBy(() -> parse("--protocol", "xyz"))
                .isInstanceOf(FlowlensException.class)
                .extracting(e -> ((FlowlensException) e).code())
                .isEqualTo(ErrorCode.INVALID_PROTOCOL);
    }
}
