package dev.flowlens.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestIpv4 {
    @Test
    void canonicalDottedQuadsBecomeTheirNumber() {
        assertThat(Ipv4.parse("0.0.0.0")).isZero();
        assertThat(Ipv4.parse("10.0.0.5")).isEqualTo(167_772_165L);
        assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(4_294_967_295L);
        assertThat(Ipv4.parse("203.0.113.12")).isEqualTo((203L << 24) | (113 << 8) | 12);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "010.0.0.5",
                "10.0.0.05",
                "10.0.0.00",
                "256.0.0.1",
                "10.0.0",
                "10.0.0.5.6",
                "10..0.5",
                ".10.0.0.5",
                "10.0.0.5.",
                "10.0.0.1234",
                "1.2.3.a",
                "2001:db8::1",
                "::ffff:10.0.0.5",
                "",
                "-",
                " 10.0.0.5"
            })
    void otherSpellingsAreNotNumbers(String text) {
        assertThat(Ipv4.parse(text)).isEqualTo(-1);
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Ipv4.parse(b, 0, b.length)).isEqualTo(-1);
    }

    @Test
    void numberAndTextConvertBackAndForthUnchanged() {
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() & 0xffff_ffffL;
            String text = Ipv4.toText(v);
            assertThat(Ipv4.parse(text)).isEqualTo(v);
            byte[] line = ("x " + text + " y").getBytes(StandardCharsets.US_ASCII);
            assertThat(Ipv4.parse(line, 2, 2 + text.length())).isEqualTo(v);
        }
    }
}
