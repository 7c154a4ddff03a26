package dev.flowlens.core.format;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every field of VPC flow logs (versions 2 to 11) and Transit Gateway flow logs, in the AWS table
 * order (see ../shared/docs/flow-log-format.md, sections 2 and 4).
 *
 * <p>Each field has its AWS name ({@code pkt-srcaddr}), its column name as Athena and Parquet
 * write it ({@code pkt_srcaddr}), and its Logs Insights name ({@code pktSrcAddr}).
 */
public enum FlowField {
    // version 2 (the default format, in this order)
    VERSION("version", 2, FieldType.INT, "version"),
    ACCOUNT_ID("account-id", 2, FieldType.TEXT, "accountId"),
    INTERFACE_ID("interface-id", 2, FieldType.TEXT, "interfaceId"),
    SRCADDR("srcaddr", 2, FieldType.ADDRESS, "srcAddr"),
    DSTADDR("dstaddr", 2, FieldType.ADDRESS, "dstAddr"),
    SRCPORT("srcport", 2, FieldType.INT, "srcPort"),
    DSTPORT("dstport", 2, FieldType.INT, "dstPort"),
    PROTOCOL("protocol", 2, FieldType.INT, "protocol"),
    PACKETS("packets", 2, FieldType.LONG, "packets"),
    BYTES("bytes", 2, FieldType.LONG, "bytes"),
    START("start", 2, FieldType.EPOCH_SECONDS, "start"),
    END("end", 2, FieldType.EPOCH_SECONDS, "end"),
    ACTION("action", 2, FieldType.TEXT, "action"),
    LOG_STATUS("log-status", 2, FieldType.TEXT, "logStatus"),
    // version 3
    VPC_ID("vpc-id", 3, FieldType.TEXT, "vpcId"),
    SUBNET_ID("subnet-id", 3, FieldType.TEXT, "subnetId"),
    INSTANCE_ID("instance-id", 3, FieldType.TEXT, "instanceId"),
    TCP_FLAGS("tcp-flags", 3, FieldType.INT, "tcpFlags"),
    TYPE("type", 3, FieldType.TEXT, "type"),
    PKT_SRCADDR("pkt-srcaddr", 3, FieldType.ADDRESS, "pktSrcAddr"),
    PKT_DSTADDR("pkt-dstaddr", 3, FieldType.ADDRESS, "pktDstAddr"),
    // version 4
    REGION("region", 4, FieldType.TEXT, "region"),
    AZ_ID("az-id", 4, FieldType.TEXT, "azId"),
    SUBLOCATION_TYPE("sublocation-type", 4, FieldType.TEXT, "sublocationType"),
    SUBLOCATION_ID("sublocation-id", 4, FieldType.TEXT, "sublocationId"),
    // version 5
    PKT_SRC_AWS_SERVICE("pkt-src-aws-service", 5, FieldType.TEXT, "pktSrcAwsService"),
    PKT_DST_AWS_SERVICE("pkt-dst-aws-service", 5, FieldType.TEXT, "pktDstAwsService"),
    FLOW_DIRECTION("flow-direction", 5, FieldType.TEXT, "flowDirection"),
    TRAFFIC_PATH("traffic-path", 5, FieldType.INT, "trafficPath"),
    // version 7 (ECS)
    ECS_CLUSTER_ARN("ecs-cluster-arn", 7, FieldType.TEXT, "ecsClusterArn"),
    ECS_CLUSTER_NAME("ecs-cluster-name", 7, FieldType.TEXT, "ecsClusterName"),
    ECS_CONTAINER_INSTANCE_ARN("ecs-container-instance-arn", 7, FieldType.TEXT, "ecsContainerInstanceArn"),
    ECS_CONTAINER_INSTANCE_ID("ecs-container-instance-id", 7, FieldType.TEXT, "ecsContainerInstanceId"),
    ECS_CONTAINER_ID("ecs-container-id", 7, FieldType.TEXT, "ecsContainerId"),
    ECS_SECOND_CONTAINER_ID("ecs-second-container-id", 7, FieldType.TEXT, "ecsSecondContainerId"),
    ECS_SERVICE_NAME("ecs-service-name", 7, FieldType.TEXT, "ecsServiceName"),
    ECS_TASK_DEFINITION_ARN("ecs-task-definition-arn", 7, FieldType.TEXT, "ecsTaskDefinitionArn"),
    ECS_TASK_ARN("ecs-task-arn", 7, FieldType.TEXT, "ecsTaskArn"),
    ECS_TASK_ID("ecs-task-id", 7, FieldType.TEXT, "ecsTaskId"),
    // version 8
    REJECT_REASON("reject-reason", 8, FieldType.TEXT, "rejectReason"),
    // version 9
    RESOURCE_ID("resource-id", 9, FieldType.TEXT, "resourceId"),
    // version 10
    ENCRYPTION_STATUS("encryption-status", 10, FieldType.INT, "encryptionStatus"),
    // version 11
    INSTANCE_TAG("instance-tag", 11, FieldType.TEXT, "instanceTag"),
    INSTANCE_TAG_2("instance-tag-2", 11, FieldType.TEXT, "instanceTag2"),
    INTERFACE_TAG("interface-tag", 11, FieldType.TEXT, "interfaceTag"),
    INTERFACE_TAG_2("interface-tag-2", 11, FieldType.TEXT, "interfaceTag2"),
    ASG_TAG("asg-tag", 11, FieldType.TEXT, "asgTag"),
    ASG_TAG_2("asg-tag-2", 11, FieldType.TEXT, "asgTag2"),
    INTERFACE_TYPE("interface-type", 11, FieldType.TEXT, "interfaceType"),
    NEXT_HOP_INTERFACE_ID("next-hop-interface-id", 11, FieldType.TEXT, "nextHopInterfaceId"),
    NEXT_HOP_SUBNET_ID("next-hop-subnet-id", 11, FieldType.TEXT, "nextHopSubnetId"),
    NEXT_HOP_AZ_ID("next-hop-az-id", 11, FieldType.TEXT, "nextHopAzId"),
    NEXT_HOP_VPC_ID("next-hop-vpc-id", 11, FieldType.TEXT, "nextHopVpcId"),
    NEXT_HOP_INTERFACE_TYPE("next-hop-interface-type", 11, FieldType.TEXT, "nextHopInterfaceType"),
    // version 6: Transit Gateway only
    RESOURCE_TYPE("resource-type", 6, FieldType.TEXT, "resourceType"),
    TGW_ID("tgw-id", 6, FieldType.TEXT, "tgwId"),
    TGW_ATTACHMENT_ID("tgw-attachment-id", 6, FieldType.TEXT, "tgwAttachmentId"),
    TGW_SRC_VPC_ACCOUNT_ID("tgw-src-vpc-account-id", 6, FieldType.TEXT, "tgwSrcVpcAccountId"),
    TGW_DST_VPC_ACCOUNT_ID("tgw-dst-vpc-account-id", 6, FieldType.TEXT, "tgwDstVpcAccountId"),
    TGW_SRC_VPC_ID("tgw-src-vpc-id", 6, FieldType.TEXT, "tgwSrcVpcId"),
    TGW_DST_VPC_ID("tgw-dst-vpc-id", 6, FieldType.TEXT, "tgwDstVpcId"),
    TGW_SRC_SUBNET_ID("tgw-src-subnet-id", 6, FieldType.TEXT, "tgwSrcSubnetId"),
    TGW_DST_SUBNET_ID("tgw-dst-subnet-id", 6, FieldType.TEXT, "tgwDstSubnetId"),
    TGW_SRC_ENI("tgw-src-eni", 6, FieldType.TEXT, "tgwSrcEni"),
    TGW_DST_ENI("tgw-dst-eni", 6, FieldType.TEXT, "tgwDstEni"),
    TGW_SRC_AZ_ID("tgw-src-az-id", 6, FieldType.TEXT, "tgwSrcAzId"),
    TGW_DST_AZ_ID("tgw-dst-az-id", 6, FieldType.TEXT, "tgwDstAzId"),
    TGW_PAIR_ATTACHMENT_ID("tgw-pair-attachment-id", 6, FieldType.TEXT, "tgwPairAttachmentId"),
    PACKETS_LOST_NO_ROUTE("packets-lost-no-route", 6, FieldType.LONG, "packetsLostNoRoute"),
    PACKETS_LOST_BLACKHOLE("packets-lost-blackhole", 6, FieldType.LONG, "packetsLostBlackhole"),
    PACKETS_LOST_MTU_EXCEEDED("packets-lost-mtu-exceeded", 6, FieldType.LONG, "packetsLostMtuExceeded"),
    PACKETS_LOST_TTL_EXPIRED("packets-lost-ttl-expired", 6, FieldType.LONG, "packetsLostTtlExpired");

    /** The version Transit Gateway flow logs have, and that their fields carry. */
    private static final int TRANSIT_GATEWAY = 6;

    private static final Map<String, FlowField> BY_ANY_NAME = new HashMap<>();

    static {
        for (FlowField f : values()) {
            BY_ANY_NAME.put(f.awsName, f);
            BY_ANY_NAME.put(f.column, f);
            BY_ANY_NAME.put(f.insightsName.toLowerCase(Locale.ROOT), f);
        }
    }

    private final String awsName;
    private final String column;
    private final int version;
    private final FieldType type;
    private final String insightsName;

    FlowField(String awsName, int version, FieldType type, String insightsName) {
        this.awsName = awsName;
        this.column = awsName.replace('-', '_');
        this.version = version;
        this.type = type;
        this.insightsName = insightsName;
    }

    /** The name as AWS writes it in formats and S3 headers, e.g. {@code log-status}. */
    public String awsName() {
        return awsName;
    }

    /** The column name as Athena and Parquet write it, e.g. {@code log_status}. */
    public String column() {
        return column;
    }

    /**
     * Whether VPC flow logs of {@code vpcVersion} have the field: it came with that version or an
     * earlier one. Never true of a Transit Gateway field.
     */
    public boolean inVpcVersion(int vpcVersion) {
        return version != TRANSIT_GATEWAY && version <= vpcVersion;
    }

    public FieldType type() {
        return type;
    }

    /** The field name CloudWatch Logs Insights discovers, e.g. {@code logStatus}. */
    public String insightsName() {
        return insightsName;
    }

    public boolean isNumeric() {
        return type == FieldType.INT || type == FieldType.LONG || type == FieldType.EPOCH_SECONDS;
    }

    /**
     * Finds a field by its AWS name, column name or Insights name, ignoring case and accepting
     * the {@code ${...}} wrapper.
     */
    public static Optional<FlowField> byName(String name) {
        String n = name.trim();
        if (n.startsWith("${") && n.endsWith("}")) {
            n = n.substring(2, n.length() - 1);
        }
        return Optional.ofNullable(BY_ANY_NAME.get(n.toLowerCase(Locale.ROOT)));
    }
}
