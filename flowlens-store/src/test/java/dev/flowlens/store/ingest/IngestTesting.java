package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the ingest tests: load files into a workspace file, then read it back with SQL. */
final class IngestTesting {
    /** The conformance samples, relative to the repository root (surefire's working directory). */
    static final Path CONFORMANCE = Path.of("testdata/conformance");

    private IngestTesting() {}

    static IngestSummary ingest(Path db, FlowFormat format, List<Path> paths) throws SQLException {
        return ingestWith(db, new IngestOptions(format, false, 2, 64), paths);
    }

    static IngestSummary ingestWith(Path db, IngestOptions options, List<Path> paths) throws SQLException {
        try (Workspace ws = Workspace.open(db)) {
            return new Ingestor(ws, options, IngestListener.NONE).ingest(paths);
        }
    }

    /** Rows as ordered maps of lower-case column name to value; integers widened to Long. */
    static List<Map<String, Object>> query(Path db, String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT), normalize(rs.getObject(i)));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    static long count(Path db, String sql, Object... args) throws SQLException {
        Object v = query(db, sql, args).get(0).values().iterator().next();
        return ((Number) v).longValue();
    }

    /** The flows of the file whose path ends with {@code name}, in line order. */
    static List<Map<String, Object>> flowsOf(Path db, String name) throws SQLException {
        return query(
                db,
                "SELECT f.* FROM flows f JOIN files USING (file_id) WHERE ends_with(files.path, ?) ORDER BY f.line",
                "/" + name);
    }

    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return v;
    }
}
