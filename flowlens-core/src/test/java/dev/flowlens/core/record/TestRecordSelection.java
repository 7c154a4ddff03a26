package dev.flowlens.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Selections against a brute-force reference: random records, random windows and ENI sets. The
 * union keeps exactly what either side keeps, {@code covers} never claims a record it would drop,
 * and the catalog text reads back to an equal selection.
 */
class TestRecordSelection {
    private static final List<String> ENIS = List.of("eni-a", "eni-b", "eni-c");
    private static final long SEED = Long.getLong("flowlens.seed", 20261201L);

    record Rec(Long start, Long end, String eni, String stream) {}

    private static Long maybe(Random r, long bound) {
        return r.nextInt(8) == 0 ? null : (long) r.nextInt((int) bound);
    }

    private static RecordSelection randomSelection(Random r) {
        Long from = maybe(r, 100);
        Long to = maybe(r, 100);
        if (from != null && to != null && from > to) {
            Long t = from;
            from = to;
            to = t;
        }
        List<String> enis = new ArrayList<>();
        for (String e : ENIS) {
            if (r.nextInt(3) == 0) {
                enis.add(e);
            }
        }
        return RecordSelection.of(from, to, enis);
    }

    private static List<Rec> records(Random r) {
        List<Rec> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Long start = maybe(r, 100);
            Long end = start == null ? maybe(r, 100) : Long.valueOf(start + r.nextInt(15));
            String eni = r.nextInt(6) == 0 ? null : ENIS.get(r.nextInt(ENIS.size()));
            String stream = eni == null && r.nextBoolean() ? ENIS.get(r.nextInt(ENIS.size())) : null;
            out.add(new Rec(start, end, eni, stream));
        }
        return out;
    }

    /** The rule of the queries, written out once more. */
    private static boolean reference(RecordSelection.Term t, Rec rec) {
        boolean time = (t.from() == null || rec.end() != null && rec.end() >= t.from())
                && (t.to() == null || rec.start() != null && rec.start() <= t.to());
        String who = rec.eni() != null ? rec.eni() : rec.stream();
        return time && (t.enis().isEmpty() || who != null && t.enis().contains(who));
    }

    @Test
    void unionKeepsWhatEitherKeepsAndCoversIsSafe() {
        Random r = new Random(SEED);
        for (int trial = 0; trial < 500; trial++) {
            List<RecordSelection> parts = new ArrayList<>();
            RecordSelection union = randomSelection(r);
            parts.add(union);
            for (int k = r.nextInt(4); k > 0; k--) {
                RecordSelection next = randomSelection(r);
                parts.add(next);
                union = union.union(next);
            }
            RecordSelection other = randomSelection(r);
            boolean covers = union.covers(other);
            for (Rec rec : records(r)) {
                boolean either = false;
                for (RecordSelection p : parts) {
                    boolean kept = p.terms().stream().anyMatch(t -> reference(t, rec));
                    assertThat(p.matches(rec.start(), rec.end(), rec.eni(), rec.stream()))
                            .isEqualTo(kept);
                    either |= kept;
                }
                assertThat(union.matches(rec.start(), rec.end(), rec.eni(), rec.stream()))
                        .as("trial %d %s %s", trial, union.text(), rec)
                        .isEqualTo(either);
                if (covers && other.matches(rec.start(), rec.end(), rec.eni(), rec.stream())) {
                    assertThat(either)
                            .as("%s covers %s", union.text(), other.text())
                            .isTrue();
                }
            }
            assertThat(RecordSelection.parse(union.text())).isEqualTo(union);
            assertThat(union.covers(union)).isTrue();
            for (RecordSelection p : parts) {
                assertThat(union.covers(p)).isTrue();
            }
        }
    }

    @Test
    void slidingWindowsMergeIntoOneTerm() {
        RecordSelection s = RecordSelection.of(0L, 3600L, List.of());
        for (long h = 1; h < 48; h++) {
            s = s.union(RecordSelection.of(h * 3600, (h + 1) * 3600, List.of()));
        }
        assertThat(s.terms()).hasSize(1);
        assertThat(s.text()).isEqualTo("0..172800");
        assertThat(s.union(RecordSelection.ALL)).isEqualTo(RecordSelection.ALL);
        assertThat(RecordSelection.ALL.text()).isNull();
        assertThat(RecordSelection.parse(null).isAll()).isTrue();
        assertThat(RecordSelection.of(null, null, List.of()).isAll()).isTrue();
        assertThat(RecordSelection.of(5L, null, List.of("eni-b", "eni-a")).text())
                .isEqualTo("5.. eni-a,eni-b");
    }

    @Test
    void rowTestReadsTheBatchColumns() {
        FlowFormat format = FlowFormat.of(FlowField.INTERFACE_ID, FlowField.START, FlowField.END);
        RecordBatch batch = new RecordBatch(format, 4);
        int row = batch.nextRow();
        batch.setText(0, "eni-a");
        batch.setNumber(1, 100);
        batch.setNumber(2, 160);
        batch.commitRow(1, null);
        row = batch.nextRow();
        batch.setNull(0);
        batch.setNumber(1, 300);
        batch.setNull(2);
        batch.commitRow(2, "eni-a");
        assertThat(row).isEqualTo(1);
        RecordSelection.RowTest window =
                RecordSelection.of(150L, 400L, List.of()).rowTest(format);
        assertThat(window.keeps(batch, 0)).isTrue();
        assertThat(window.keeps(batch, 1))
                .as("no end time: cannot end after from")
                .isFalse();
        RecordSelection.RowTest eni =
                RecordSelection.of(null, 400L, List.of("eni-a")).rowTest(format);
        assertThat(eni.keeps(batch, 0)).isTrue();
        assertThat(eni.keeps(batch, 1)).as("the stream names the interface").isTrue();
        RecordSelection.RowTest noColumns =
                RecordSelection.of(1L, null, List.of()).rowTest(FlowFormat.of(FlowField.INTERFACE_ID));
        assertThat(noColumns.keeps(batch, 0)).isFalse();
    }
}
