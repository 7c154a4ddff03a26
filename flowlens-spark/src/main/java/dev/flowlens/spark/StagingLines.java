package dev.flowlens.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** A JSON-lines file of a run's staging folder, created at its first line (a task without any writes none). */
final class StagingLines implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final HadoopConf conf;
    private OutputStream out;

    StagingLines(Path file, HadoopConf conf) {
        this.file = file;
        this.conf = conf;
    }

    /** The file of task {@code partition} in a staging folder (a task run again overwrites it). */
    static Path partFile(String dir, int partition) {
        return new Path(dir, String.format(java.util.Locale.ROOT, "part-%05d.jsonl", partition));
    }

    /** Rows as JSON objects named by the schema's fields. */
    void write(List<Row> rows, StructType schema) {
        List<Object> values = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < schema.fields().length; i++) {
                m.put(schema.fields()[i].name(), r.get(i));
            }
            values.add(m);
        }
        writeValues(values);
    }

    void writeValues(List<?> values) {
        try {
            for (Object v : values) {
                if (out == null) {
                    out = file.getFileSystem(conf.get()).create(file, true);
                }
                out.write(JSON.writeValueAsBytes(v));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
