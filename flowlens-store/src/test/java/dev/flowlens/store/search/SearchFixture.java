package dev.flowlens.store.search;

import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The small workspace the search tests share: a v2 file of the given records under the default
 * header, and a custom-format file (with flow-direction) of one conversation on port 443.
 */
final class SearchFixture {
    private static final String V2_HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    private SearchFixture() {}

    /** Opens the workspace {@code w.db} under {@code dir} holding {@code v2Records} and the custom file. */
    static Workspace workspace(Path dir, String... v2Records) throws IOException, SQLException {
        List<String> v2Lines = new ArrayList<>(List.of(V2_HEADER));
        v2Lines.addAll(List.of(v2Records));
        Path v2 = Files.write(dir.resolve("v2.log"), v2Lines);
        Path custom = Files.write(
                dir.resolve("custom.log"),
                List.of(
                        "interface-id srcaddr dstaddr srcport dstport protocol start end action log-status flow-direction",
                        "eni-99 10.0.0.5 192.168.1.1 443 51000 6 1418530100 1418530160 ACCEPT OK egress",
                        "eni-99 192.168.1.1 10.0.0.5 51000 443 6 1418530101 1418530161 REJECT OK ingress"));
        Workspace ws = Workspace.open(dir.resolve("w.db"));
        for (Path file : List.of(v2, custom)) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(file));
        }
        return ws;
    }
}
