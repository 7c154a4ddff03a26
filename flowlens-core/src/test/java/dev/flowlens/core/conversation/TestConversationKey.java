package dev.flowlens.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** One canonical key: a request and its reply map to the same key, and the key orders its ends. */
class TestConversationKey {
    private static Flow flow(String src, int sp, String dst, int dp, int protocol) {
        return new Flow(
                "f.log", 1, "eni-1", src, dst, null, null, sp, dp, protocol, 1, 60, 0, 60, Action.ACCEPT, null, null);
    }

    private static void assertEnds(ConversationKey k, Endpoint low, Endpoint high) {
        assertThat(k.low()).isEqualTo(low);
        assertThat(k.high()).isEqualTo(high);
    }

    @Test
    void requestAndReplyShareTheKey() {
        Flow request = flow("10.0.1.5", 40000, "10.0.2.9", 5432, 6);
        Flow reply = flow("10.0.2.9", 5432, "10.0.1.5", 40000, 6);
        ConversationKey k = ConversationKey.of(request);
        assertThat(ConversationKey.of(reply)).isEqualTo(k);
        assertEnds(k, new Endpoint("10.0.1.5", 40000), new Endpoint("10.0.2.9", 5432));
        assertThat(k.isLowToHigh(request)).isTrue();
        assertThat(k.isLowToHigh(reply)).isFalse();
    }

    @Test
    void sameAddressOrdersByPort() {
        ConversationKey k = ConversationKey.of(flow("10.0.0.1", 5000, "10.0.0.1", 80, 6));
        assertEnds(k, new Endpoint("10.0.0.1", 80), new Endpoint("10.0.0.1", 5000));
    }

    @Test
    void addressesCompareAsText() {
        // byte order of the text, as DuckDB orders VARCHAR: "10.0.0.10" < "10.0.0.9"
        ConversationKey k = ConversationKey.of(flow("10.0.0.9", 1, "10.0.0.10", 2, 17));
        assertThat(k.low().address()).isEqualTo("10.0.0.10");
    }

    @Test
    void protocolsWithoutPortsKeyOnAddresses() {
        // ICMP and GRE records carry type and code or nothing in the port fields: they do not split a conversation
        for (int protocol : new int[] {1, 47, 50, 58}) {
            ConversationKey a = ConversationKey.of(flow("10.0.0.1", 8, "10.0.0.2", 0, protocol));
            ConversationKey b = ConversationKey.of(flow("10.0.0.2", 0, "10.0.0.1", 3, protocol));
            assertThat(b).as("protocol " + protocol).isEqualTo(a);
            assertThat(a.low().port()).isZero();
        }
        for (int protocol : new int[] {6, 17, 132}) {
            assertThat(ConversationKey.hasPorts(protocol)).isTrue();
            assertThat(ConversationKey.of(flow("10.0.0.1", 8, "10.0.0.2", 0, protocol)))
                    .isNotEqualTo(ConversationKey.of(flow("10.0.0.2", 0, "10.0.0.1", 3, protocol)));
        }
    }

    @Test
    void protocolSeparatesKeys() {
        assertThat(ConversationKey.of(flow("10.0.0.1", 53, "10.0.0.2", 40000, 6)))
                .isNotEqualTo(ConversationKey.of(flow("10.0.0.1", 53, "10.0.0.2", 40000, 17)));
    }

    @Test
    void packetAddressesDecideOverTheInterfaceAddresses() {
        // behind NAT or a transit gateway the pkt- addresses are the real ends
        Flow natted = new Flow(
                "f.log",
                1,
                "eni-nat",
                "10.0.0.50",
                "10.0.9.9",
                "203.0.113.7",
                "10.0.9.9",
                40000,
                443,
                6,
                1,
                60,
                0,
                60,
                Action.ACCEPT,
                null,
                null);
        ConversationKey k = ConversationKey.of(natted);
        assertEnds(k, new Endpoint("10.0.9.9", 443), new Endpoint("203.0.113.7", 40000));
    }

    @Test
    void ipv6EndpointsAreKeyedAndPrinted() {
        ConversationKey k = ConversationKey.of(flow("2001:db8::9", 443, "2001:db8::10", 50000, 6));
        assertThat(k.low().address()).isEqualTo("2001:db8::10");
        assertThat(k.low().toString()).isEqualTo("[2001:db8::10]:50000");
        assertThat(k.high().toString()).isEqualTo("[2001:db8::9]:443");
    }

    @Test
    void theConstructorRefusesUnorderedEnds() {
        assertThatThrownBy(() -> new ConversationKey(6, new Endpoint("10.0.0.2", 1), new Endpoint("10.0.0.1", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directionNeverChangesTheKeySeeded() {
        Random r = new Random(7);
        String[] addresses = {"10.0.0.1", "10.0.0.10", "10.0.0.9", "192.168.1.1", "2001:db8::1", "2001:db8::a", "::1"};
        int[] protocols = {1, 6, 17, 47, 58, 132};
        for (int i = 0; i < 5000; i++) {
            String a = addresses[r.nextInt(addresses.length)];
            String b = addresses[r.nextInt(addresses.length)];
            int pa = r.nextInt(4) == 0 ? 0 : r.nextInt(65536);
            int pb = r.nextInt(4) == 0 ? pa : r.nextInt(65536);
            int protocol = protocols[r.nextInt(protocols.length)];
            ConversationKey forward = ConversationKey.of(flow(a, pa, b, pb, protocol));
            ConversationKey back = ConversationKey.of(flow(b, pb, a, pa, protocol));
            assertThat(back)
                    .as(a + ":" + pa + " " + b + ":" + pb + " " + protocol)
                    .isEqualTo(forward);
            assertThat(forward.low().compareTo(forward.high())).isLessThanOrEqualTo(0);
            assertThat(forward.protocol()).isEqualTo(protocol);
        }
    }
}
