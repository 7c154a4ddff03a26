package dev.flowlens.spark;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.parse.RecordAssembler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file as AWS delivers it (underscore column names) into a {@link RecordAssembler}:
 * each row becomes a line of text under a header of its column names, so the one byte parser
 * checks and converts every value as it does for text. As the DuckDB workspace reads them:
 * {@code -}, {@code None}, {@code null} and empty text are absent; numbers written as text or as
 * floats with no fraction are whole numbers; the line of a row is its number from 1.
 */
final class ParquetAsDelivered {
    private ParquetAsDelivered() {}

    static void read(String location, Configuration conf, RecordAssembler out) throws IOException {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new Path(location))
                .withConf(conf)
                .build()) {
            Group row = reader.read();
            if (row == null) {
                return;
            }
            GroupType type = row.getType();
            List<Integer> columns = new ArrayList<>();
            StringBuilder header = new StringBuilder();
            for (int i = 0; i < type.getFieldCount(); i++) {
                Type t = type.getType(i);
                if (!t.isPrimitive()) {
                    continue;
                }
                String name = t.getName();
                String awsName = FlowField.byName(name).map(FlowField::awsName).orElse(name.replace('_', '-'));
                columns.add(i);
                header.append(header.length() == 0 ? "" : " ").append(awsName);
            }
            byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
            long lineNumber = 1;
            StringBuilder record = new StringBuilder();
            while (row != null) {
                out.line(h, 0, h.length, lineNumber, null);
                record.setLength(0);
                for (int i : columns) {
                    record.append(record.length() == 0 ? "" : " ").append(value(row, i));
                }
                byte[] r = record.toString().getBytes(StandardCharsets.UTF_8);
                out.line(r, 0, r.length, lineNumber, null);
                lineNumber++;
                row = reader.read();
            }
        }
    }

    /** One value as flow log text: {@code -} when absent. */
    private static String value(Group row, int column) {
        if (row.getFieldRepetitionCount(column) == 0) {
            return "-";
        }
        PrimitiveTypeName type = row.getType().getType(column).asPrimitiveType().getPrimitiveTypeName();
        String text = switch (type) {
            case INT32 -> Integer.toString(row.getInteger(column, 0));
            case INT64 -> Long.toString(row.getLong(column, 0));
            case DOUBLE -> whole(row.getDouble(column, 0));
            case FLOAT -> whole(row.getFloat(column, 0));
            case BOOLEAN -> Boolean.toString(row.getBoolean(column, 0));
            case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 ->
                row.getValueToString(column, 0).strip();
        };
        if (text.isEmpty() || text.equals("None") || text.equalsIgnoreCase("null")) {
            return "-";
        }
        // a space inside a value would shift the fields after it: the parser reports the line
        return text.replace('\t', ' ');
    }

    private static String whole(double d) {
        return d == Math.rint(d) && Math.abs(d) < 9e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
