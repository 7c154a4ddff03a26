package dev.flowlens.core.record;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which records an ingest keeps: a union of terms, each a time window and a set of network
 * interfaces. A record is kept when it matches any term, with the rules of the queries'
 * {@code --from/--to/--eni}: its capture window {@code [start, end]} overlaps the term's
 * {@code [from, to]} (an open end is no condition; a record without the time a bound needs does
 * not match), and its {@code interface_id} is one of the term's ENIs (a record without one: its
 * CloudWatch log stream is). {@link #ALL} keeps everything.
 *
 * <p>The catalog stores the selection a file was loaded with ({@link #text()}): a later run whose
 * selection that one {@link #covers} has nothing to add; any other loads the file again with the
 * {@link #union} of both.
 *
 * @param terms never empty; canonical (sorted, none covering another, touching windows of the
 *     same ENIs merged) so that equal selections have equal text
 */
public record RecordSelection(List<Term> terms) {
    /** Keeps every record. */
    public static final RecordSelection ALL = new RecordSelection(List.of(Term.EVERYTHING));

    private static final Comparator<Long> OPEN_LOW = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Long> OPEN_HIGH = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<Term> ORDER = Comparator.comparing(Term::from, OPEN_LOW)
            .thenComparing(Term::to, OPEN_HIGH)
            .thenComparing(t -> String.join(",", t.enis()));

    /**
     * One window and set of interfaces.
     *
     * @param from epoch seconds, null when open
     * @param to epoch seconds, null when open
     * @param enis the interfaces kept; empty keeps every interface
     */
    public record Term(Long from, Long to, SortedSet<String> enis) {
        static final Term EVERYTHING = new Term(null, null, new TreeSet<>());

        public Term {
            if (from != null && to != null && from > to) {
                throw new IllegalArgumentException("from " + from + " is after to " + to);
            }
            enis = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(enis));
        }

        boolean isEverything() {
            return from == null && to == null && enis.isEmpty();
        }

        /** True when every record {@code other} matches, this term matches too. */
        boolean covers(Term other) {
            return (from == null || other.from != null && from <= other.from)
                    && (to == null || other.to != null && to >= other.to)
                    && (enis.isEmpty() || !other.enis.isEmpty() && enis.containsAll(other.enis));
        }

        /** The rule of the class comment for one record. */
        boolean matches(Long start, Long end, String eni, String logStream) {
            if (from != null && (end == null || end < from)) {
                return false;
            }
            if (to != null && (start == null || start > to)) {
                return false;
            }
            return enis.isEmpty() || (eni != null ? enis.contains(eni) : logStream != null && enis.contains(logStream));
        }
    }

    public RecordSelection {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a selection has at least one term");
        }
        terms = List.copyOf(terms);
    }

    /** The records of one window (either end may be null) and interfaces (empty: all). */
    public static RecordSelection of(Long from, Long to, Collection<String> enis) {
        return canonical(List.of(new Term(from, to, new TreeSet<>(enis))));
    }

    public boolean isAll() {
        return terms.get(0).isEverything();
    }

    /** True when every record {@code other} keeps, this selection keeps too. */
    public boolean covers(RecordSelection other) {
        for (Term t : other.terms) {
            if (terms.stream().noneMatch(mine -> mine.covers(t))) {
                return false;
            }
        }
        return true;
    }

    /** The records either selection keeps. */
    public RecordSelection union(RecordSelection other) {
        List<Term> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        return canonical(all);
    }

    /** True when a record with these values is kept. */
    public boolean matches(Long start, Long end, String eni, String logStream) {
        for (Term t : terms) {
            if (t.matches(start, end, eni, logStream)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The catalog's text of this selection: null for {@link #ALL}; else terms separated by
     * {@code ;}, each {@code FROM..TO} in epoch seconds (empty when open) followed by
     * {@code ' '} and the ENIs separated by {@code ,} when there are any.
     */
    public String text() {
        if (isAll()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Term t : terms) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(t.from == null ? "" : t.from).append("..").append(t.to == null ? "" : t.to);
            if (!t.enis.isEmpty()) {
                b.append(' ').append(String.join(",", t.enis));
            }
        }
        return b.toString();
    }

    /** Reads {@link #text()} back; null or empty text is {@link #ALL}. */
    public static RecordSelection parse(String text) {
        if (text == null || text.isEmpty()) {
            return ALL;
        }
        List<Term> out = new ArrayList<>();
        for (String part : text.split(";", -1)) {
            int space = part.indexOf(' ');
            String window = space < 0 ? part : part.substring(0, space);
            int dots = window.indexOf("..");
            if (dots < 0) {
                throw new IllegalArgumentException("not a record selection: " + text);
            }
            TreeSet<String> enis = new TreeSet<>();
            if (space >= 0) {
                enis.addAll(List.of(part.substring(space + 1).split(",")));
            }
            out.add(new Term(bound(window.substring(0, dots)), bound(window.substring(dots + 2)), enis));
        }
        return canonical(out);
    }

    private static Long bound(String text) {
        return text.isEmpty() ? null : Long.parseLong(text);
    }

    /** Sorted, terms covered by another dropped, overlapping or touching windows of the same ENIs merged. */
    private static RecordSelection canonical(List<Term> given) {
        List<Term> sorted = new ArrayList<>(given);
        sorted.sort(ORDER);
        List<Term> merged = new ArrayList<>();
        for (Term t : sorted) {
            Term joined = null;
            for (int i = 0; i < merged.size() && joined == null; i++) {
                Term m = merged.get(i);
                if (mergeable(m, t)) {
                    joined = new Term(m.from, m.to == null || t.to == null ? null : Math.max(m.to, t.to), m.enis);
                    merged.set(i, joined);
                }
            }
            if (joined == null) {
                merged.add(t);
            }
        }
        List<Term> kept = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            Term t = merged.get(i);
            boolean covered = false;
            for (int j = 0; j < merged.size() && !covered; j++) {
                Term o = merged.get(j);
                // of two equal terms the first stays
                covered = j != i && o.covers(t) && (!t.covers(o) || j < i);
            }
            if (!covered) {
                kept.add(t);
            }
        }
        kept.sort(ORDER);
        return new RecordSelection(kept);
    }

    /**
     * True when one window {@code [m.from, max(m.to, t.to)]} keeps exactly what {@code m} and
     * {@code t} (sorted after it) keep: the same ENIs, windows that overlap or touch, and no record
     * without a start or end time that only the joined window would keep (an open end is kept open
     * only when both terms had it open). Exact for records that do not end before they start.
     */
    private static boolean mergeable(Term m, Term t) {
        return m.enis.equals(t.enis)
                && (m.from == null) == (t.from == null)
                && (m.to == null || t.to != null && (t.from == null || t.from <= m.to + 1));
    }

    /** Tests the rows of batches of one format; made once per format. */
    public RowTest rowTest(FlowFormat format) {
        return new RowTest(this, format);
    }

    /** {@link #matches} over a batch's columns. */
    public static final class RowTest {
        private final RecordSelection selection;
        private final int start;
        private final int end;
        private final int eni;

        RowTest(RecordSelection selection, FlowFormat format) {
            this.selection = Objects.requireNonNull(selection);
            this.start = indexOf(format, FlowField.START);
            this.end = indexOf(format, FlowField.END);
            this.eni = indexOf(format, FlowField.INTERFACE_ID);
        }

        /** True when the batch's row is kept. */
        public boolean keeps(RecordBatch batch, int row) {
            return selection.matches(
                    number(batch, start, row),
                    number(batch, end, row),
                    eni < 0 || batch.isNull(eni, row) ? null : batch.text(eni, row),
                    batch.logStream(row));
        }

        private static int indexOf(FlowFormat format, FlowField field) {
            for (int i = 0; i < format.size(); i++) {
                if (format.get(i).field() == field) {
                    return i;
                }
            }
            return -1;
        }

        private static Long number(RecordBatch batch, int column, int row) {
            return column < 0 || batch.isNull(column, row) ? null : batch.number(column, row);
        }
    }
}
