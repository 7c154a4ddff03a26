package dev.flowlens.sources.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * An AWS SDK model object as the AWS CLI prints it ({@code --output json}): the service model's
 * member names ({@code GroupId}, {@code IpPermissions}), absent members left out, times in ISO-8601.
 * Walks the SDK's own field table, so every member of every shape is written the same way.
 */
public final class SdkJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {}

    public static ObjectNode object(SdkPojo pojo) {
        ObjectNode o = NODES.objectNode();
        for (SdkField<?> f : pojo.sdkFields()) {
            JsonNode v = value(f.getValueOrDefault(pojo));
            if (v != null) {
                o.set(f.memberName(), v);
            }
        }
        return o;
    }

    /** {@code {"KEY": [...]}}, the shape of a describe call's answer. */
    public static ObjectNode answer(String key, List<? extends SdkPojo> items) {
        ObjectNode o = NODES.objectNode();
        ArrayNode a = o.putArray(key);
        for (SdkPojo p : items) {
            a.add(object(p));
        }
        return o;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof SdkPojo p) {
            return object(p);
        }
        if (v instanceof List<?> list) {
            if (list instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>) {
                return null; // absent in the answer
            }
            ArrayNode a = NODES.arrayNode();
            for (Object e : list) {
                JsonNode n = value(e);
                a.add(n == null ? NODES.nullNode() : n);
            }
            return a;
        }
        if (v instanceof Map<?, ?> map) {
            if (map instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
                return null;
            }
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                JsonNode n = value(e.getValue());
                o.set(String.valueOf(e.getKey()), n == null ? NODES.nullNode() : n);
            }
            return o;
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (v instanceof Instant t) {
            return NODES.textNode(t.toString());
        }
        return NODES.textNode(v.toString());
    }
}
