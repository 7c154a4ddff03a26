package dev.flowlens.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import org.junit.jupiter.api.Test;

class TestProtocols {
    @Test
    void namesTheKnownNumbersAndShowsOthersAsNumbers() {
        assertThat(Protocols.name(1)).isEqualTo("ICMP");
        assertThat(Protocols.name(6)).isEqualTo("TCP");
        assertThat(Protocols.name(17)).isEqualTo("UDP");
        assertThat(Protocols.name(58)).isEqualTo("ICMPv6");
        assertThat(Protocols.name(47)).isEqualTo("GRE");
        assertThat(Protocols.name(50)).isEqualTo("ESP");
        assertThat(Protocols.name(51)).isEqualTo("AH");
        assertThat(Protocols.name(132)).isEqualTo("SCTP");
        assertThat(Protocols.name(0)).isEqualTo("0");
        assertThat(Protocols.name(255)).isEqualTo("255");
        assertThat(Protocols.name(null)).isEqualTo("-");
    }

    @Test
    void readsNamesInAnyCaseAndNumbers() {
        assertThat(Protocols.parse("tcp")).isEqualTo(Protocols.TCP);
        assertThat(Protocols.parse(" UDP ")).isEqualTo(Protocols.UDP);
        assertThat(Protocols.parse("Icmp")).isEqualTo(Protocols.ICMP);
        assertThat(Protocols.parse("icmpv6")).isEqualTo(Protocols.ICMPV6);
        assertThat(Protocols.parse("ipv6-icmp")).isEqualTo(Protocols.ICMPV6);
        assertThat(Protocols.parse("gre")).isEqualTo(47);
        assertThat(Protocols.parse("esp")).isEqualTo(50);
        assertThat(Protocols.parse("sctp")).isEqualTo(132);
        assertThat(Protocols.parse("0")).isZero();
        assertThat(Protocols.parse("255")).isEqualTo(255);
    }

    @Test
    void refusesUnknownNamesAndNumbersOutOfRange() {
        for (String text : new String[] {"ah", "256", "-1", "", "tcp6"}) {
            assertThatThrownBy(() -> Protocols.parse(text))
                    .isInstanceOfSatisfying(
                            FlowlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PROTOCOL));
        }
    }
}
