package dev.flowlens.sources.awsconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.rules.FlowLogSetting;
import dev.flowlens.core.rules.NetworkConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** describe-flow-logs JSON (the AWS CLI documentation's example and variations) read into flow log facts. */
class TestFlowLogConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The example output of {@code aws ec2 describe-flow-logs} in the AWS CLI reference. */
    static final String DOC_EXAMPLE = """
            {"FlowLogs": [{"CreationTime": "2018-02-21T13:22:12.644000+00:00", "DeliverLogsPermissionArn": "arn:aws:iam::123456789012:role/flow-logs-role",
              "DeliverLogsStatus": "SUCCESS", "FlowLogId": "fl-aabbccdd112233445", "MaxAggregationInterval": 600, "FlowLogStatus": "ACTIVE",
              "LogGroupName": "FlowLogGroup", "ResourceId": "subnet-12345678901234567", "TrafficType": "ALL", "LogDestinationType": "cloud-watch-logs",
              "LogFormat": "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"},
             {"CreationTime": "2020-02-04T15:22:29.986000+00:00", "DeliverLogsStatus": "SUCCESS", "FlowLogId": "fl-01234567890123456",
              "MaxAggregationInterval": 60, "FlowLogStatus": "ACTIVE", "ResourceId": "vpc-00112233445566778", "TrafficType": "REJECT",
              "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::my-flow-log-bucket/custom",
              "LogFormat": "${version} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${account-id} ${type} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} ${packets} ${start} ${end} ${action} ${tcp-flags} ${log-status}"}]}
            """;

    @Test
    void readsTheDocumentationExample() throws Exception {
        NetworkConfig c = new AwsConfigReader()
                .read(List.of(new AwsConfigReader.Document("flow-logs.json", JSON.readTree(DOC_EXAMPLE))));
        assertThat(c.flowLogsKnown()).isTrue();
        assertThat(c.isEmpty()).as("flow logs alone are no rules").isTrue();
        assertThat(c.flowLogs())
                .containsExactly(
                        new FlowLogSetting(
                                "fl-aabbccdd112233445",
                                "subnet-12345678901234567",
                                FlowLogSetting.TrafficType.ALL,
                                600,
                                "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
                                "cloud-watch-logs",
                                "FlowLogGroup"),
                        new FlowLogSetting(
                                "fl-01234567890123456",
                                "vpc-00112233445566778",
                                FlowLogSetting.TrafficType.REJECT,
                                60,
                                c.flowLogs().get(1).logFormat(),
                                "s3",
                                null));
        assertThat(c.flowLogs().get(1).describe())
                .isEqualTo("fl-01234567890123456 (REJECT only, 60 s aggregation, on vpc-00112233445566778)");
    }

    @Test
    void withoutFlowLogsNothingIsKnownAndABadTrafficTypeIsNamed() throws Exception {
        NetworkConfig none = new AwsConfigReader()
                .read(List.of(new AwsConfigReader.Document("sg.json", JSON.readTree("{\"SecurityGroups\": []}"))));
        assertThat(none.flowLogsKnown()).isFalse();
        NetworkConfig empty = new AwsConfigReader()
                .read(List.of(new AwsConfigReader.Document("fl.json", JSON.readTree("{\"FlowLogs\": []}"))));
        assertThat(empty.flowLogsKnown()).isTrue();
        assertThat(empty.flowLogs()).isEmpty();
        assertThatThrownBy(
                        () -> new AwsConfigReader()
                                .read(
                                        List.of(
                                                new AwsConfigReader.Document(
                                                        "fl.json",
                                                        JSON.readTree(
                                                                "{\"FlowLogs\": [{\"FlowLogId\": \"fl-1\", \"ResourceId\": \"eni-1\", \"TrafficType\": \"SOME\"}]}")))))
                .isInstanceOf(FlowlensException.class)
                .satisfies(e -> assertThat(((FlowlensException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("fl-1 has TrafficType 'SOME'");
    }
}
