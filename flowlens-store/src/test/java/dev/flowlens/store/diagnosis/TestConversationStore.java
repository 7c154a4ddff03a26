package dev.flowlens.store.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.diagnosis.Verdict;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConversationStore {
    @TempDir
    Path dir;

    private List<ConversationRanking.Entry> top(String file, int limit) throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws.db"))) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE)
                    .ingest(List.of(TestAwsDocExamples.DOCS.resolve(file)));
            return new ConversationStore(ws.connection()).top(FlowFilter.ANY, limit);
        }
    }

    @Test
    void pairsRequestsAndRepliesAcrossWindowsBusiestFirst() throws Exception {
        List<ConversationRanking.Entry> rows = top("flow-log-example-tcp-flag.log", 10);
        assertThat(rows).hasSize(3);
        Conversation first = rows.get(0).attempt().conversation();
        assertThat(first.client().toString()).isEqualTo("52.213.180.42:43418");
        assertThat(first.server().toString()).isEqualTo("10.0.0.62:5001");
        assertThat(Conversation.bytes(first.requests())).isEqualTo(100701L + 23294588L);
        assertThat(Conversation.bytes(first.replies())).isEqualTo(632L + 63388L);
        assertThat(rows.get(0).records()).isEqualTo(4);
        assertThat(rows).allSatisfy(r -> assertThat(r.attempt().verdict()).isEqualTo(Verdict.ESTABLISHED));
        assertThat(top("flow-log-example-tcp-flag.log", 1)).hasSize(1);
    }

    @Test
    void icmpPingWithRejectedReplyIsOneConversation() throws Exception {
        List<ConversationRanking.Entry> rows = top("flow-log-example-security-groups.log", 10);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).attempt().conversation().client().address()).isEqualTo("203.0.113.12");
        assertThat(rows.get(0).attempt().verdict()).isEqualTo(Verdict.REJECTED_RESPONSE);
        assertThat(rows.get(0).enis()).containsExactly("eni-1235b8ca123456789");
    }

    @Test
    void collidingKeyHashesGiveTheSameConversations() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws.db"))) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE)
                    .ingest(List.of(
                            TestAwsDocExamples.DOCS.resolve("flow-log-example-tcp-flag.log"),
                            TestAwsDocExamples.DOCS.resolve("flow-log-example-security-groups.log")));
            for (int limit = 1; limit <= 5; limit++) {
                List<ConversationRanking.Entry> expected =
                        new ConversationStore(ws.connection()).top(FlowFilter.ANY, limit);
                assertThat(expected).hasSize(Math.min(limit, 4));
                // a hash must depend on the key alone; these put many keys under one hash, unevenly
                for (String hash : List.of(
                        "0::UBIGINT", "hash(protocol)", "hash(least(sp, dp) % 2)", ConversationStore.KEY_BY_VALUE)) {
                    assertThat(new ConversationStore(ws.connection(), hash).top(FlowFilter.ANY, limit))
                            .as(hash)
                            .isEqualTo(expected);
                }
            }
        }
    }
}
