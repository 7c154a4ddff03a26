package dev.flowlens.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Key layouts of ../shared/docs/flow-log-format.md section 5.2. */
class TestS3ObjectKey {
    private static final String NAME = "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz";

    @Test
    void defaultLayout() {
        S3ObjectKey k =
                S3ObjectKey.parse("my-bucket/prefix/AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/" + NAME);
        assertThat(k.layout()).isEqualTo(S3KeyLayout.DEFAULT);
        assertThat(k.accountId()).isEqualTo("123456789012");
        assertThat(k.region()).isEqualTo("us-east-1");
        assertThat(k.flowLogId()).isEqualTo("fl-1234abcd");
        // 2018-06-20T16:20:00Z: records whose end time is 16:20:00-16:24:59
        assertThat(k.fileTime()).isEqualTo(1_529_511_600L);
    }

    @Test
    void hourlyPartitions() {
        assertThat(S3ObjectKey.parse("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/16/" + NAME)
                        .layout())
                .isEqualTo(S3KeyLayout.HOURLY);
    }

    @Test
    void hiveCompatiblePartitions() {
        String hive =
                "prefix/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2018/month=06/day=20/";
        assertThat(S3ObjectKey.parse(hive + NAME).layout()).isEqualTo(S3KeyLayout.HIVE);
        assertThat(S3ObjectKey.parse(hive + "hour=16/" + NAME).layout()).isEqualTo(S3KeyLayout.HIVE_HOURLY);
    }

    @Test
    void govCloudRegionWithThreeHyphens() {
        S3ObjectKey k = S3ObjectKey.parse(
                "AWSLogs/123456789012/vpcflowlogs/us-gov-east-1/2024/01/02/123456789012_vpcflowlogs_us-gov-east-1_fl-0abc123_20240102T0005Z_0a1b2c3d.log.gz");
        assertThat(k.region()).isEqualTo("us-gov-east-1");
        assertThat(k.layout()).isEqualTo(S3KeyLayout.DEFAULT);
    }

    @Test
    void parquetAndLocalWindowsPaths() {
        S3ObjectKey k = S3ObjectKey.parse("C:\\logs\\AWSLogs\\111111111111\\vpcflowlogs\\eu-west-3\\2022\\08\\31\\"
                + "111111111111_vpcflowlogs_eu-west-3_fl-032a163fae170ae52_20220831T1255Z_2ad4bef5.parquet");
        assertThat(k.accountId()).isEqualTo("111111111111");
        assertThat(k.flowLogId()).isEqualTo("fl-032a163fae170ae52");
        assertThat(k.layout()).isEqualTo(S3KeyLayout.DEFAULT);
    }

    @Test
    void foreignObjectsAreNotFlowLogKeys() {
        assertThat(S3ObjectKey.parse("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/notes.txt")
                        .isFlowLogKey())
                .isFalse();
        assertThat(S3ObjectKey.parse("AWSLogs/123456789012/CloudTrail/us-east-1/2018/06/20/x.json.gz")
                        .layout())
                .isEqualTo(S3KeyLayout.NONE);
        assertThat(S3ObjectKey.parse(NAME).layout()).isEqualTo(S3KeyLayout.FILE_NAME_ONLY);
    }

    @Test
    void organisationFolder() {
        S3ObjectKey k = S3ObjectKey.parse("AWSLogs/o-a1b2c3d4e5/123456789012/vpcflowlogs/us-east-1/2018/06/20/" + NAME);
        assertThat(k.layout()).isEqualTo(S3KeyLayout.DEFAULT);
        assertThat(k.accountId()).isEqualTo("123456789012");
    }
}
