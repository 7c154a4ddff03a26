package dev.flowlens.cli.output;

import dev.flowlens.options.OutputFormat;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM with a small heap by {@link TestOutputStreaming}: prints ROWS generated rows
 * in FORMAT through {@link Printer} to a byte counter, then "rows N bytes B" on stderr.
 */
public final class StreamingChild {
    private StreamingChild() {}

    public static void main(String[] args) {
        OutputFormat format = OutputFormat.valueOf(args[0]);
        long rows = Long.parseLong(args[1]);
        long[] bytes = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        PrintWriter out = new PrintWriter(new OutputStreamWriter(counter, StandardCharsets.UTF_8));
        Printer.Rows printer = new Printer(out).rows(format);
        printer.start(List.of("n", "srcaddr", "dstaddr", "action", "message", "bytes"));
        for (long i = 0; i < rows; i++) {
            List<Object> row = new ArrayList<>(6);
            row.add(i);
            row.add("10.0." + (i >> 8 & 255) + "." + (i & 255));
            row.add("172.31." + (i >> 16 & 255) + "." + (i >> 3 & 255));
            row.add(i % 7 == 0 ? "REJECT" : "ACCEPT");
            row.add("2 123456789012 eni-0a1b2c3d4e5f60001 record number " + i + " with some text to make it longer");
            row.add(i * 31);
            printer.row(row);
        }
        printer.finish();
        System.err.println("rows " + printer.count() + " bytes " + bytes[0]);
    }
}
