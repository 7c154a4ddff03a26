package dev.flowlens.core.s3;

/** How a flow log object key is laid out in S3 (../shared/docs/flow-log-format.md, 5.2). */
public enum S3KeyLayout {
    /** {@code AWSLogs/{account}/vpcflowlogs/{region}/{yyyy}/{mm}/{dd}/} */
    DEFAULT,
    /** The default layout with an {@code {HH}/} folder. */
    HOURLY,
    /** {@code AWSLogs/aws-account-id=.../aws-service=vpcflowlogs/aws-region=.../year=.../month=.../day=.../} */
    HIVE,
    /** Hive-compatible partitions with {@code hour=HH/}. */
    HIVE_HOURLY,
    /** Only the file name follows the AWS convention. */
    FILE_NAME_ONLY,
    /** Not a flow log key. */
    NONE
}
