package dev.flowlens.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shortcuts v2..v11 name the VPC fields up to their version; Transit Gateway fields are never among them. */
class TestFormatShortcuts {
    @Test
    void v2IsTheDefaultFormat() {
        assertThat(FlowFormat.parseUserFormat("v2")).isEqualTo(FlowFormat.DEFAULT_V2);
        assertThat(FlowFormat.DEFAULT_V2.fields())
                .extracting(FormatField::name)
                .containsExactly(
                        "version",
                        "account-id",
                        "interface-id",
                        "srcaddr",
                        "dstaddr",
                        "srcport",
                        "dstport",
                        "protocol",
                        "packets",
                        "bytes",
                        "start",
                        "end",
                        "action",
                        "log-status");
    }

    @Test
    void aShortcutAddsTheFieldsOfItsVersionAndNoTransitGatewayField() {
        Set<FlowField> v5 = FlowFormat.shortcut(5).knownFields();
        assertThat(v5)
                .contains(FlowField.TCP_FLAGS, FlowField.AZ_ID, FlowField.FLOW_DIRECTION, FlowField.TRAFFIC_PATH)
                .doesNotContain(FlowField.ECS_CLUSTER_ARN, FlowField.REJECT_REASON, FlowField.TGW_ID);
        Set<FlowField> v11 = FlowFormat.shortcut(11).knownFields();
        assertThat(v11).contains(FlowField.ECS_TASK_ID, FlowField.NEXT_HOP_INTERFACE_TYPE);
        assertThat(v11)
                .doesNotContain(
                        FlowField.RESOURCE_TYPE, FlowField.TGW_PAIR_ATTACHMENT_ID, FlowField.PACKETS_LOST_TTL_EXPIRED);
        assertThat(FlowField.TGW_ID.inVpcVersion(11)).isFalse();
        assertThat(FlowField.REJECT_REASON.inVpcVersion(7)).isFalse();
        assertThat(FlowField.REJECT_REASON.inVpcVersion(8)).isTrue();
    }
}
