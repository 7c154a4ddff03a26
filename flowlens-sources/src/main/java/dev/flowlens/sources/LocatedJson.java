package dev.flowlens.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A JSON value read as a tree together with the line of the file each of its objects is at: the
 * line of its {@code message} value when it has one (where the flow log record is written), else
 * the line where the object starts. A pretty-printed array of records or CloudWatch
 * {@code events} thus cites each record at its own line.
 */
final class LocatedJson {
    private final Map<JsonNode, Long> lines = new IdentityHashMap<>();
    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes;
    private JsonNode root;

    private LocatedJson(ObjectMapper mapper) {
        this.mapper = mapper;
        this.nodes = mapper.getNodeFactory();
    }

    /** Reads the value at the parser's current token; the lines are kept for {@link #lineOf}. */
    static LocatedJson read(JsonParser parser, ObjectMapper mapper) throws IOException {
        LocatedJson j = new LocatedJson(mapper);
        j.root = j.value(parser);
        return j;
    }

    JsonNode root() {
        return root;
    }

    /** The line of {@code node} when it was read here, else {@code fallback}. */
    long lineOf(JsonNode node, long fallback) {
        Long l = lines.get(node);
        return l == null ? fallback : l;
    }

    private JsonNode value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        long start = p.currentTokenLocation().getLineNr();
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = nodes.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(value(p));
            }
            return a;
        }
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = nodes.objectNode();
            long line = start;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("message".equals(name)) {
                    line = p.currentTokenLocation().getLineNr();
                }
                o.set(name, value(p));
            }
            lines.put(o, line);
            return o;
        }
        return mapper.readTree(p); // a scalar
    }
}
