package dev.flowlens.spark;

import dev.flowlens.core.format.FlowFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Reads a slice's files one at a time in an executor, handing on their records; what else each
 * file gives (its outcome, bad lines and unknown fields' values) goes to the run's staging folder
 * ({@link StagedOutcomes}).
 */
final class SliceReader implements PartitionReader<InternalRow> {
    private final Iterator<FileTask> files;
    private final FileReading reading;
    private final StagedOutcomes staged;
    private Iterator<InternalRow> current = List.<InternalRow>of().iterator();
    private InternalRow row;

    SliceReader(FlowLogFiles.Slice slice, String formatSpec, HadoopConf conf, String staging) {
        FlowFormat format = formatSpec == null ? FlowFormat.DEFAULT_V2 : FlowFormat.parseUserFormat(formatSpec);
        this.files = slice.files().iterator();
        this.reading = new FileReading(format, conf.get());
        this.staged = new StagedOutcomes(staging, slice.index(), conf);
    }

    @Override
    public boolean next() {
        while (!current.hasNext()) {
            if (!files.hasNext()) {
                staged.finish();
                return false;
            }
            FileReading.Result r = reading.read(files.next());
            staged.add(r);
            current = r.flows().iterator();
        }
        row = current.next();
        return true;
    }

    @Override
    public InternalRow get() {
        return row;
    }

    @Override
    public void close() {
        staged.close();
    }
}
