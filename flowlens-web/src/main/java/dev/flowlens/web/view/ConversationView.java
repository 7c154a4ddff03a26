package dev.flowlens.web.view;

import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.diagnosis.Attempt;
import dev.flowlens.core.diagnosis.ConversationColumns;
import java.util.List;
import java.util.Map;

/**
 * One conversation as {@code flowlens conversations --output json} prints it (the same columns,
 * {@link ConversationColumns}), with the client and server split into address and port so a page
 * can open its diagnosis.
 */
public final class ConversationView {
    private ConversationView() {}

    public static Map<String, Object> of(Attempt attempt, List<String> enis) {
        Map<String, Object> m = JsonRow.of(ConversationColumns.NAMES, ConversationColumns.values(attempt, enis));
        Conversation c = attempt.conversation();
        m.put("client_address", c.client().address());
        m.put("server_address", c.server().address());
        m.put("server_port", c.server().port());
        m.put("protocol", c.protocol());
        return m;
    }
}
