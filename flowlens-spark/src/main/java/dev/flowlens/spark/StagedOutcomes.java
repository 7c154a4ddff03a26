package dev.flowlens.spark;

import dev.flowlens.core.lake.FileOutcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What a slice's files gave besides their records, written to the run's staging folder under the
 * slice's number (so a task run again overwrites them): the unknown fields' values as each file is
 * read, the outcomes and bad lines once the last file is read. A task that fails before that writes
 * no outcomes, and the driver then commits nothing.
 */
final class StagedOutcomes implements AutoCloseable {
    /** The staging folder of the unknown fields' values ({@link FileReading#extraSchema()} as JSON lines). */
    static final String EXTRAS = "extras";

    static final String OUTCOMES = "outcomes";
    static final String BAD = "bad";

    private final StagingLines extras;
    private final StagingLines outcomesFile;
    private final StagingLines badFile;
    private final List<FileOutcome> outcomes = new ArrayList<>();
    private final List<Row> bad = new ArrayList<>();
    private boolean finished;

    StagedOutcomes(String staging, int slice, HadoopConf conf) {
        extras = new StagingLines(StagingLines.partFile(LakeLayout.child(staging, EXTRAS), slice), conf);
        outcomesFile = new StagingLines(StagingLines.partFile(LakeLayout.child(staging, OUTCOMES), slice), conf);
        badFile = new StagingLines(StagingLines.partFile(LakeLayout.child(staging, BAD), slice), conf);
    }

    /** A file read: its unknown fields' values now, its outcome and bad lines at {@link #finish()}. */
    void add(FileReading.Result r) {
        outcomes.add(r.outcome());
        bad.addAll(r.badLines());
        extras.write(r.extras(), FileReading.extraSchema());
    }

    /** The slice's last file was read: writes its outcomes and bad lines. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        extras.close();
        try (outcomesFile;
                badFile) {
            outcomesFile.writeValues(outcomes);
            badFile.write(bad, LakeLayout.badLineSchema());
        }
    }

    @Override
    public void close() {
        extras.close();
    }
}
