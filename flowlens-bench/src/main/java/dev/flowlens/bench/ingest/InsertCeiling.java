package dev.flowlens.bench.ingest;

import dev.flowlens.store.Workspace;
import dev.flowlens.store.sql.AddressSql;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How fast DuckDB alone stores already-parsed records in a workspace: the benchmark's files are
 * read with {@code read_csv} into an in-memory temporary table in the workspace's stored layout
 * (untimed), then one timed {@code INSERT INTO flow_records SELECT * FROM} it and a checkpoint. No
 * gzip, no parsing, no Java: the part of an ingest no reader can avoid. Prints one line:
 * {@code ceiling records=N seconds=S}.
 *
 * <p>Usage: {@code InsertCeiling DATA_DIR WORKSPACE_FILE}.
 */
public final class InsertCeiling {
    private InsertCeiling() {}

    public static void main(String[] args) throws SQLException, java.io.IOException {
        Path[] paths = DuckDbCsvBaseline.dataAndFreshDatabase(args, "InsertCeiling");
        try (Workspace ws = Workspace.open(paths[1]);
                Statement st = ws.connection().createStatement()) {
            st.execute(
                    "CREATE TEMP TABLE parsed AS SELECT CAST(1 AS INTEGER) AS file_id, CAST(row_number() OVER () AS BIGINT) AS line,"
                            + " CAST(NULL AS VARCHAR) AS log_stream, version, account_id, interface_id,"
                            + " " + AddressSql.storedValues("srcaddr", "srcaddr") + ", "
                            + AddressSql.storedValues("dstaddr", "dstaddr") + ","
                            + " srcport, dstport, protocol, packets, bytes, start, \"end\", action, log_status FROM "
                            + DuckDbCsvBaseline.readCsv(paths[0]));
            String columns;
            try (ResultSet rs = st.executeQuery(
                    "SELECT string_agg('\"' || column_name || '\"', ', ' ORDER BY ordinal_position)"
                            + " FROM information_schema.columns WHERE table_name = 'flow_records' AND table_schema = 'main'")) {
                rs.next();
                columns = rs.getString(1);
            }
            long t0 = System.nanoTime();
            long records =
                    st.executeUpdate("INSERT INTO flow_records (" + columns + ") SELECT " + columns + " FROM parsed");
            st.execute("CHECKPOINT");
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ceiling records=%d seconds=%.3f%n", records, seconds);
        }
    }
}
