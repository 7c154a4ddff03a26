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
    private DuckDbCsvBaseline() {}

    static final String COLUMNS =
            "{'version': 'INTEGER', 'account_id': 'VARCHAR', 'interface_id': 'VARCHAR', 'srcaddr': 'VARCHAR', "
                    + "'dstaddr': 'VARCHAR', 'srcport': 'INTEGER', 'dstport': 'INTEGER', 'protocol': 'INTEGER', 'packets': 'BIGINT', "
                    + "'bytes': 'BIGINT', 'start': 'BIGINT', 'end': 'BIGINT', 'action': 'VARCHAR', 'log_status': 'VARCHAR'}";

    /** The arguments DATA_DIR DB_FILE, with a fresh DB_FILE (deleted with its WAL); exits 2 on others. */
    static Path[] dataAndFreshDatabase(String[] args, String usage) throws java.io.IOException {
        if (args.length != 2) {
            System.err.println("usage: " + usage + " DATA_DIR DB_FILE");
            System.exit(2);
        }
        Path db = Path.of(args[1]).toAbsolutePath();
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        return new Path[] {Path.of(args[0]).toAbsolutePath(), db};
    }

    /** DuckDB's reader of the benchmark's gzip files under {@code dir}: typed columns, {@code -} as NULL. */
    static String readCsv(Path dir) {
        String glob = dir.toString().replace("'", "''") + "/**/*.log.gz";
        return "read_csv('" + glob + "', delim = ' ', header = true, nullstr = '-', compression = 'gzip', columns = "
                + COLUMNS + ")";
    }

    public static void main(String[] args) throws SQLException, java.io.IOException {
        Path[] paths = dataAndFreshDatabase(args, "DuckDbCsvBaseline");
        Path db = paths[1];
        long t0 = System.nanoTime();
        long records;
        java.util.Properties props = new java.util.Properties();
        props.setProperty("autoinstall_known_extensions", "false"); // as Flowlens's own connections: never download
        props.setProperty("autoload_known_extensions", "false");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, props);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE flows AS SELECT * FROM " + readCsv(paths[0]));
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
