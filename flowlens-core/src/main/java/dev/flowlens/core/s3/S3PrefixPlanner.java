package dev.flowlens.core.s3;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Walks a bucket prefix to the flow log objects a {@link S3Selection} needs, listing as little as
 * it can: account and region folders are found by listing with the delimiter {@code /} and pruned
 * by name; for a bounded window of at most {@link #ENUMERATED_DAYS} days, the day folders are named
 * directly (nothing above them is listed); a day the window covers only in part is listed with the
 * delimiter, so that hour folders outside the window are not listed. Every layout of
 * flow-log-format.md 5.2 is understood: {@code AWSLogs/{account}/vpcflowlogs/{region}/yyyy/mm/dd/[HH/]},
 * Hive {@code aws-account-id=/aws-service=/aws-region=/year=/month=/day=/[hour=/]}, the organisation
 * folder {@code AWSLogs/o-ORGID/}, and folders before {@code AWSLogs/}. Objects outside these
 * layouts are kept when their file name is a flow log name the selection keeps.
 *
 * @param <T> the lister's object type (its key, size, tag...)
 */
public final class S3PrefixPlanner<T> {
    /** Bounded windows up to this many days of file times name their day folders instead of listing. */
    public static final int ENUMERATED_DAYS = 31;
    /** Folders walked before an {@code AWSLogs/} folder is met. */
    static final int MAX_DEPTH_BEFORE_AWSLOGS = 4;

    /** Lists one prefix: with the delimiter {@code /} (one level: folders and objects) or the whole tree below it. */
    public interface Lister<T> {
        Listing<T> list(String prefix, boolean delimited, String startAfter) throws IOException;
    }

    /** One listing's folders (common prefixes, ending with {@code /}) and objects. */
    public record Listing<T>(List<String> folders, List<T> objects) {
        public Listing {
            folders = List.copyOf(folders);
            objects = List.copyOf(objects);
        }
    }

    /**
     * The objects kept from one listing. {@code resumable} listings are whole trees (no delimiter)
     * whose keys a later run may skip with {@code StartAfter}; {@code ignored} counts the objects
     * whose names are not flow log file names.
     */
    public record LeafListing<T>(
            String prefix, boolean resumable, String startAfter, List<T> kept, List<String> keptKeys, int ignored) {
        public LeafListing {
            kept = List.copyOf(kept);
            keptKeys = List.copyOf(keptKeys);
        }
    }

    /** The StartAfter key remembered for a resumable prefix; null when it was never listed. */
    public interface Cursors {
        Cursors NONE = prefix -> null;

        String startAfter(String prefix);
    }

    private final Lister<T> lister;
    private final Function<T, String> keyOf;
    private final S3Selection selection;
    private final Cursors cursors;

    public S3PrefixPlanner(Lister<T> lister, Function<T, String> keyOf, S3Selection selection, Cursors cursors) {
        this.lister = lister;
        this.keyOf = keyOf;
        this.selection = selection;
        this.cursors = cursors;
    }

    /** The walk's levels below the bucket prefix. */
    enum Level {
        ROOT,
        AWSLOGS,
        ACCOUNT,
        SERVICE,
        REGION,
        YEAR,
        MONTH,
        DAY,
        HOUR,
        OPAQUE
    }

    /** Where a prefix sits in a layout; the date fields are set from YEAR down. */
    record Position(Level level, boolean hive, int depth, int year, int month, int day, int hour) {
        Position at(Level l) {
            return new Position(l, hive, depth, year, month, day, hour);
        }
    }

    /** Walks {@code prefix} ("" for the whole bucket; a folder, {@code /} added when missing). */
    public List<LeafListing<T>> walk(String prefix) throws IOException {
        String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        List<LeafListing<T>> out = new ArrayList<>();
        Position p = positionOf(base);
        walk(base, p == null ? new Position(Level.OPAQUE, false, 0, 0, 0, 0, 0) : p, out);
        return out;
    }

    /** The position of a prefix the user gave; null when it leaves the layouts (then listed whole). */
    static Position positionOf(String base) {
        Position p = new Position(Level.ROOT, false, 0, 0, 0, 0, 0);
        if (base.isEmpty()) {
            return p;
        }
        for (String segment : base.substring(0, base.length() - 1).split("/", -1)) {
            if (p.level() == Level.ROOT && !segment.equals("AWSLogs")) {
                continue; // folders before AWSLogs/ are the user's
            }
            p = child(p, segment, S3Selection.ALL);
            if (p == null) {
                return null;
            }
        }
        return p;
    }

    /** What a prefix's listing becomes: one listing, a listing of its children, or its days enumerated. */
    private enum Step {
        LEAF,
        DESCEND,
        ENUMERATE_DAYS
    }

    private void walk(String prefix, Position p, List<LeafListing<T>> out) throws IOException {
        Step step = step(p);
        if (step == Step.LEAF) {
            leaf(prefix, out);
        } else if (step == Step.DESCEND) {
            descend(prefix, p, out);
        } else {
            enumerateDays(prefix, p, out);
        }
    }

    /** The step for a prefix at {@code p}: exhaustive over the levels, so a new level fails compilation here. */
    private Step step(Position p) {
        return switch (p.level()) {
            case ROOT, AWSLOGS, ACCOUNT, SERVICE -> Step.DESCEND;
            case YEAR, MONTH -> enumerable() ? Step.ENUMERATE_DAYS : Step.DESCEND;
            case REGION -> {
                if (selection.firstFileTime() == null && selection.lastFileTime() == null) {
                    yield Step.LEAF;
                }
                yield enumerable() ? Step.ENUMERATE_DAYS : Step.DESCEND;
            }
            case DAY -> {
                long start = LocalDate.of(p.year(), p.month(), p.day())
                        .atStartOfDay()
                        .toEpochSecond(ZoneOffset.UTC);
                yield selection.coversPeriod(start, start + 86_400) ? Step.LEAF : Step.DESCEND;
            }
            case HOUR, OPAQUE -> Step.LEAF;
        };
    }

    private boolean enumerable() {
        Long first = selection.firstFileTime();
        Long last = selection.lastFileTime();
        return first != null
                && last != null
                && Math.floorDiv(last, 86_400) - Math.floorDiv(first, 86_400) < ENUMERATED_DAYS;
    }

    /** Names the day folders of the window below a region, year or month position, without listing. */
    private void enumerateDays(String prefix, Position p, List<LeafListing<T>> out) throws IOException {
        LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(selection.firstFileTime(), 86_400));
        LocalDate last = LocalDate.ofEpochDay(Math.floorDiv(selection.lastFileTime(), 86_400));
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (p.level() != Level.REGION && d.getYear() != p.year()
                    || p.level() == Level.MONTH && d.getMonthValue() != p.month()) {
                continue;
            }
            StringBuilder sb = new StringBuilder(prefix);
            if (p.level() == Level.REGION) {
                sb.append(segment(p.hive(), "year=", d.getYear(), 4));
            }
            if (p.level() != Level.MONTH) {
                sb.append(segment(p.hive(), "month=", d.getMonthValue(), 2));
            }
            sb.append(segment(p.hive(), "day=", d.getDayOfMonth(), 2));
            walk(
                    sb.toString(),
                    new Position(Level.DAY, p.hive(), p.depth(), d.getYear(), d.getMonthValue(), d.getDayOfMonth(), 0),
                    out);
        }
    }

    private static String segment(boolean hive, String name, int value, int digits) {
        String v = String.format(java.util.Locale.ROOT, "%0" + digits + "d", value);
        return (hive ? name + v : v) + "/";
    }

    /** Lists one level with the delimiter: keeps its objects, walks the folders the selection may need. */
    private void descend(String prefix, Position p, List<LeafListing<T>> out) throws IOException {
        Listing<T> l = lister.list(prefix, true, null);
        out.add(keep(prefix, false, null, l.objects()));
        for (String folder : l.folders()) {
            String name = folder.substring(prefix.length(), folder.length() - 1);
            Position c = child(p, name, selection);
            if (c != null) {
                walk(folder, c, out);
            }
        }
    }

    /** Lists the whole tree below a prefix, after the remembered key when there is one. */
    private void leaf(String prefix, List<LeafListing<T>> out) throws IOException {
        String after = cursors.startAfter(prefix);
        Listing<T> l = lister.list(prefix, false, after);
        out.add(keep(prefix, true, after, l.objects()));
    }

    private LeafListing<T> keep(String prefix, boolean resumable, String after, List<T> objects) {
        List<T> kept = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int ignored = 0;
        for (T o : objects) {
            String key = keyOf.apply(o);
            S3ObjectKey k = S3ObjectKey.parse(key);
            if (!k.isFlowLogKey()) {
                ignored++;
            } else if (selection.keeps(k)) {
                kept.add(o);
                keys.add(key);
            }
        }
        return new LeafListing<>(prefix, resumable, after, kept, keys, ignored);
    }

    /** The position of folder {@code name} below {@code p}; null when the selection cannot need anything in it. */
    static Position child(Position p, String name, S3Selection s) {
        return switch (p.level()) {
            case ROOT ->
                name.equals("AWSLogs")
                        ? new Position(Level.AWSLOGS, false, p.depth(), 0, 0, 0, 0)
                        : p.depth() < MAX_DEPTH_BEFORE_AWSLOGS
                                ? new Position(Level.ROOT, false, p.depth() + 1, 0, 0, 0, 0)
                                : null;
            case AWSLOGS -> {
                if (name.startsWith("o-")) {
                    yield p; // an organisation's folder holds account folders
                }
                boolean hive = name.startsWith("aws-account-id=");
                String account = hive ? name.substring("aws-account-id=".length()) : name;
                yield isDigits(account) && s.wantsAccount(account)
                        ? new Position(Level.ACCOUNT, hive, p.depth(), 0, 0, 0, 0)
                        : null;
            }
            case ACCOUNT ->
                (p.hive()
                                ? name.equals("aws-service=vpcflowlogs") || name.equals("service=vpcflowlogs")
                                : name.equals("vpcflowlogs"))
                        ? p.at(Level.SERVICE)
                        : null;
            case SERVICE -> {
                String region = p.hive()
                        ? (name.startsWith("aws-region=") ? name.substring("aws-region=".length()) : null)
                        : name;
                yield region != null && !region.isEmpty() && s.wantsRegion(region) ? p.at(Level.REGION) : null;
            }
            case REGION -> {
                int y = number(name, p.hive() ? "year=" : "", 4);
                yield y >= 1970 && s.wantsPeriod(epoch(y, 1, 1), epoch(y + 1, 1, 1))
                        ? new Position(Level.YEAR, p.hive(), p.depth(), y, 0, 0, 0)
                        : null;
            }
            case YEAR -> {
                int m = number(name, p.hive() ? "month=" : "", 2);
                yield m >= 1
                                && m <= 12
                                && s.wantsPeriod(
                                        epoch(p.year(), m, 1),
                                        epoch(m == 12 ? p.year() + 1 : p.year(), m == 12 ? 1 : m + 1, 1))
                        ? new Position(Level.MONTH, p.hive(), p.depth(), p.year(), m, 0, 0)
                        : null;
            }
            case MONTH -> {
                int d = number(name, p.hive() ? "day=" : "", 2);
                if (d < 1 || d > LocalDate.of(p.year(), p.month(), 1).lengthOfMonth()) {
                    yield null;
                }
                long start = epoch(p.year(), p.month(), d);
                yield s.wantsPeriod(start, start + 86_400)
                        ? new Position(Level.DAY, p.hive(), p.depth(), p.year(), p.month(), d, 0)
                        : null;
            }
            case DAY -> {
                int h = number(name, p.hive() ? "hour=" : "", 2);
                long start = epoch(p.year(), p.month(), p.day()) + h * 3600L;
                yield h >= 0 && h <= 23 && s.wantsPeriod(start, start + 3600)
                        ? new Position(Level.HOUR, p.hive(), p.depth(), p.year(), p.month(), p.day(), h)
                        : null;
            }
            case HOUR, OPAQUE -> null;
        };
    }

    private static long epoch(int y, int m, int d) {
        return LocalDate.of(y, m, d).toEpochDay() * 86_400;
    }

    /** The number after {@code name} with exactly {@code digits} digits; -1 when the segment is not one. */
    private static int number(String segment, String name, int digits) {
        if (!segment.startsWith(name) || segment.length() != name.length() + digits) {
            return -1;
        }
        String v = segment.substring(name.length());
        return isDigits(v) ? Integer.parseInt(v) : -1;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
