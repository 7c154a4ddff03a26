package dev.flowlens.bench.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline of the ingest benchmark: DuckDB's own {@code read_csv} loading the same gzip files
 * (space-delimited, header line, {@code -} as NULL, typed columns) into a table of a new database
 * file. Prints one line: {@code baseline records=N seconds=S bytes=B}.
 *
 * <p>Usage: {@code DuckDbCsvBaseline DATA_DIR DB_FILE}.
 */
public final class DuckDbCsvBaseline {
    private DuckDbCsvBaseline() {
    }

    static final String COLUMNS = "{'version': 'INTEGER', 'account_id': 'VARCHAR', 'interface_id': 'VARCHAR', 'srcaddr': 'VARCHAR', "
            + "'dstaddr': 'VARCHAR', 'srcport': 'INTEGER', 'dstport': 'INTEGER', 'protocol': 'INTEGER', 'packets': 'BIGINT', "
            + "'bytes': 'BIGINT', 'start': 'BIGINT', 'end': 'BIGINT', 'action': 'VARCHAR', 'log_status': 'VARCHAR'}";

    public static void main(String[] args) throws SQLException, java.io.IOException {
        if (args.length != 2) {
            System.err.println("usage: DuckDbCsvBaseline DATA_DIR DB_FILE");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Path db = Path.of(args[1]).toAbsolutePath();
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        String glob = dir.toString().replace("'", "''") + "/**/*.log.gz";
        long t0 = System.nanoTime();
        long records;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE flows AS SELECT * FROM read_csv('" + glob + "', delim = ' ', header = true, "
                    + "nullstr = '-', compression = 'gzip', columns = " + COLUMNS + ")");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM flows")) {
                rs.next();
                records = rs.getLong(1);
            }
            st.execute("CHECKPOINT");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("baseline records=%d seconds=%.3f bytes=%d%n", records, seconds, Files.size(db));
    }
}
