package dev.flowlens.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.FlowlensException;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestCidr {
    @Test
    void ipv4Blocks() {
        Cidr c = Cidr.parse("10.0.1.77/16");
        assertThat(c.toString()).isEqualTo("10.0.0.0/16");
        assertThat(c.contains("10.0.255.1")).isTrue();
        assertThat(c.contains("10.1.0.1")).isFalse();
        assertThat(c.contains("2001:db8::1")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.5")).isTrue();
        assertThat(Cidr.parse("10.0.0.5").isSingleAddress()).isTrue();
        assertThat(c.first()).isEqualTo(BigInteger.valueOf(0x0A000000L));
        assertThat(c.last()).isEqualTo(BigInteger.valueOf(0x0A00FFFFL));
    }

    @Test
    void ipv6BlocksInAnyWrittenForm() {
        Cidr c = Cidr.parse("2001:db8:1234:a100::/56");
        assertThat(c.contains("2001:db8:1234:a100:8d6e:3477:df66:f105")).isTrue();
        assertThat(c.contains("2001:0db8:1234:a1ff:0:0:0:1")).isTrue();
        assertThat(c.contains("2001:db8:1234:a200::1")).isFalse();
        assertThat(c.contains("10.0.0.1")).isFalse();
    }

    @Test
    void badInputIsAUsageError() {
        for (String bad :
                new String[] {"10.0.0.256", "10.0.0", "10.0.0.0/33", "2001:db8::/129", "example.com", "10.0.0.0/x", ""
                }) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(FlowlensException.class);
        }
    }

    @Test
    void containsAgreesWithArithmeticOnRandomIpv4() {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            long net = r.nextLong() & 0xFFFFFFFFL;
            int prefix = r.nextInt(33);
            long addr =
                    r.nextBoolean() ? net ^ (r.nextLong() & ((1L << (32 - prefix)) - 1)) : r.nextLong() & 0xFFFFFFFFL;
            Cidr c = Cidr.parse(dotted(net) + "/" + prefix);
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            assertThat(c.contains(dotted(addr)))
                    .as("%s in %s", dotted(addr), c)
                    .isEqualTo((addr & mask) == (net & mask));
        }
    }

    private static String dotted(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
