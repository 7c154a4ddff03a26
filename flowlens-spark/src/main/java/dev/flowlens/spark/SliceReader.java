package dev.flowlens.spark;

import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.lake.FileOutcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Reads a slice's files one at a time in an executor, handing on their records, and writes the
 * slice's outcomes, bad lines and unknown fields' values to the run's staging folder (named by
 * slice, so a task run again overwrites them): the values as each file is read, the rest once the
 * last file is read. A task that fails before that writes no outcomes, and the driver then commits
 * nothing.
 */
final class SliceReader implements PartitionReader<InternalRow> {
    /** The staging folder of the unknown fields' values ({@link FileReading#extraSchema()} as JSON lines). */
    static final String EXTRAS = "extras";

    static final String OUTCOMES = "outcomes";
    static final String BAD = "bad";

    private final Iterator<FileTask> files;
    private final FileReading reading;
    private final HadoopConf conf;
    private final String staging;
    private final int index;
    private final StagingLines extras;
    private final List<FileOutcome> outcomes = new ArrayList<>();
    private final List<Row> bad = new ArrayList<>();
    private Iterator<InternalRow> current = List.<InternalRow>of().iterator();
    private InternalRow row;
    private boolean finished;

    SliceReader(FlowLogFiles.Slice slice, String formatSpec, HadoopConf conf, String staging) {
        FlowFormat format = formatSpec == null ? FlowFormat.DEFAULT_V2 : FlowFormat.parseUserFormat(formatSpec);
        this.files = slice.files().iterator();
        this.reading = new FileReading(format, conf.get());
        this.conf = conf;
        this.staging = staging;
        this.index = slice.index();
        this.extras = new StagingLines(StagingLines.partFile(LakeLayout.child(staging, EXTRAS), index), conf);
    }

    @Override
    public boolean next() {
        while (!current.hasNext()) {
            if (!files.hasNext()) {
                finish();
                return false;
            }
            FileReading.Result r = reading.read(files.next());
            outcomes.add(r.outcome());
            bad.addAll(r.badLines());
            extras.write(r.extras(), FileReading.extraSchema());
            current = r.flows().iterator();
        }
        row = current.next();
        return true;
    }

    @Override
    public InternalRow get() {
        return row;
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        extras.close();
        try (StagingLines out =
                        new StagingLines(StagingLines.partFile(LakeLayout.child(staging, OUTCOMES), index), conf);
                StagingLines badOut =
                        new StagingLines(StagingLines.partFile(LakeLayout.child(staging, BAD), index), conf)) {
            out.writeValues(outcomes);
            badOut.write(bad, LakeLayout.badLineSchema());
        }
    }

    @Override
    public void close() {
        extras.close();
    }
}
