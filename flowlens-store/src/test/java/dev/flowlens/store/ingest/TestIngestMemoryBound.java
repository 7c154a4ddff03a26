package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ingest bounds DuckDB's memory, so its peak does not grow with the machine or the input. */
class TestIngestMemoryBound {
    @TempDir
    Path tmp;

    @Test
    void duckdbMemorySettingsParse() {
        assertThat(Ingestor.parseBytes("512.0 MiB")).isEqualTo(512L << 20);
        assertThat(Ingestor.parseBytes("19.2 GiB")).isEqualTo((long) (19.2 * (1L << 30)));
        assertThat(Ingestor.parseBytes("512MB")).isEqualTo(512_000_000L);
        assertThat(Ingestor.parseBytes("1.5 GB")).isEqualTo(1_500_000_000L);
        assertThat(Ingestor.parseBytes("4096")).isEqualTo(4096L);
    }

    @Test
    void anIngestLowersDuckdbsMemoryLimitAndNeverRaisesIt() throws Exception {
        Path file = tmp.resolve("a.log");
        Files.writeString(file, "2 123456789012 eni-1 10.0.0.5 10.0.0.6 40000 443 6 10 840 1714521600 1714521660 ACCEPT OK\n");
        try (Workspace ws = Workspace.open(tmp.resolve("ws.db"))) {
            new Ingestor(ws, new IngestOptions(null, false, 1, 64), IngestListener.NONE).ingest(List.of(file));
            assertThat(limit(ws)).isLessThanOrEqualTo(Ingestor.parseBytes(Ingestor.DUCKDB_MEMORY));
            try (Statement st = ws.connection().createStatement()) {
                st.execute("SET memory_limit = '100MB'");
            }
            new Ingestor(ws, new IngestOptions(null, false, 1, 64), IngestListener.NONE).ingest(List.of(file));
            assertThat(limit(ws)).isLessThanOrEqualTo(100_000_000L);
        }
    }

    private static long limit(Workspace ws) throws Exception {
        try (Statement st = ws.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
            rs.next();
            return Ingestor.parseBytes(rs.getString(1));
        }
    }
}
