package dev.flowlens.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;

/** Expressions over the lake's {@code flows} that the conversation and diagnosis queries share. */
final class FlowColumns {
    /** The interface that logged a record: its ENI, or the CloudWatch stream for records without one. */
    static final Column ENI = coalesce(col("interface_id"), col("log_stream"));
    /** The packet's source: {@code pkt-srcaddr} where logged (behind a NAT or a load balancer), else {@code srcaddr}. */
    static final Column SRC = coalesce(col("pkt_srcaddr"), col("srcaddr"));

    static final Column DST = coalesce(col("pkt_dstaddr"), col("dstaddr"));
    /** Records that can belong to a conversation: status OK, with an action, both addresses and a protocol. */
    static final Column CONVERSATION_RECORD = col("log_status")
            .equalTo(lit("OK"))
            .and(col("action").isNotNull())
            .and(col("srcaddr").isNotNull())
            .and(col("dstaddr").isNotNull())
            .and(col("protocol").isNotNull());
    /** What a record says about its conversation besides the endpoints, in this order. */
    static final List<Column> TRAFFIC = List.of(
            col("protocol"),
            col("packets"),
            col("bytes"),
            col("start"),
            col("end"),
            col("action"),
            col("tcp_flags"),
            col("flow_direction"));

    private FlowColumns() {}

    /** {@code first}, then {@link #TRAFFIC}, then {@code last}, for a {@code select}. */
    static Column[] aroundTraffic(List<Column> first, List<Column> last) {
        return Stream.of(first, TRAFFIC, last).flatMap(List::stream).toArray(Column[]::new);
    }
}
