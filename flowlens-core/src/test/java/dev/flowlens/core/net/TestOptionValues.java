package dev.flowlens.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import org.junit.jupiter.api.Test;

/** {@link Port} and {@link IpAddress}: the values options take, read with the same messages everywhere. */
class TestOptionValues {
    @Test
    void portsAreZeroTo65535() {
        assertThat(Port.parse("0").number()).isZero();
        assertThat(Port.parse(" 443 ").number()).isEqualTo(443);
        assertThat(Port.parse("65535").number()).isEqualTo(65535);
        for (String bad : new String[] {"-1", "65536", "http", "", "4 43"}) {
            assertThatThrownBy(() -> Port.parse(bad))
                    .as(bad)
                    .isInstanceOf(FlowlensException.class)
                    .hasMessage("cannot read port '" + bad + "': use a number 0-65535")
                    .extracting(e -> ((FlowlensException) e).code())
                    .isEqualTo(ErrorCode.INVALID_PORT);
        }
        assertThat(Port.numberOf(null)).isNull();
    }

    @Test
    void anAddressIsOneAddress() {
        assertThat(IpAddress.parse(" 10.0.1.5").text()).isEqualTo("10.0.1.5");
        assertThat(IpAddress.parse("2001:db8::1").text()).isEqualTo("2001:db8::1");
        assertThat(IpAddress.parse("10.0.1.5/32").text()).isEqualTo("10.0.1.5/32");
        assertThatThrownBy(() -> IpAddress.parse("nope"))
                .hasMessage("'nope' is not an IP address: give one such as 10.0.1.5 or 2001:db8::1");
        assertThatThrownBy(() -> IpAddress.parse("10.0.0.0/8"))
                .hasMessage("'10.0.0.0/8' is a block of addresses: give one address such as 10.0.1.5")
                .extracting(e -> ((FlowlensException) e).code())
                .isEqualTo(ErrorCode.INVALID_ADDRESS);
        assertThat(IpAddress.textOf(null)).isNull();
    }
}
