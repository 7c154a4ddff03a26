package dev.flowlens.spark;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The same files through both engines, and their records as comparable text. */
final class Engines {
    private Engines() {}

    static IngestSummary duckDbIngest(Path db, List<Path> inputs) throws Exception {
        try (Workspace ws = Workspace.open(db)) {
            return new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(inputs);
        }
    }

    /** Every field column, quoted, in FlowField order. */
    private static String fieldColumns() {
        StringBuilder b = new StringBuilder();
        for (FlowField f : FlowField.values()) {
            b.append(", f.\"").append(f.column()).append('"');
        }
        return b.toString();
    }

    /** One line per record of the workspace: path, line, log stream, then every field ({@code null} when absent). */
    static List<String> duckDbRecords(Path db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Workspace ws = Workspace.openReadOnly(db);
                Statement st = ws.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT fi.path, f.line, f.log_stream" + fieldColumns()
                        + " FROM flows f JOIN files fi ON fi.file_id = f.file_id")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i == 1 ? "" : "|")
                            .append(
                                    rs.getObject(i) == null
                                            ? "null"
                                            : rs.getObject(i).toString());
                }
                out.add(b.toString());
            }
        }
        out.sort(null);
        return out;
    }

    /** The same lines for a lake. */
    static List<String> lakeRecords(SparkSession spark, String lakeDir) {
        Lake lake = Lake.open(spark, lakeDir);
        Map<Integer, String> paths = lake.paths();
        List<String> out = new ArrayList<>();
        List<String> columns = new ArrayList<>(List.of("file_id", "line", "log_stream"));
        for (FlowField f : FlowField.values()) {
            columns.add(f.column());
        }
        for (Row r : lake.flows()
                .selectExpr(columns.stream().map(c -> "`" + c + "`").toArray(String[]::new))
                .collectAsList()) {
            StringBuilder b = new StringBuilder(paths.get(r.getInt(0)));
            for (int i = 1; i < r.length(); i++) {
                b.append('|').append(r.isNullAt(i) ? "null" : r.get(i).toString());
            }
            out.add(b.toString());
        }
        out.sort(null);
        return out;
    }
}
