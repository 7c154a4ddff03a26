package dev.flowlens.core.s3;

import java.util.Set;

/**
 * Which flow log objects a time window, accounts and regions need, judged from their keys alone.
 *
 * <p>An object named with time {@code T} ({@code ..._20180620T1620Z_...}) holds records whose end
 * time lies within {@link #FILE_SPAN} of {@code T} (the AWS guide says the name's time starts the
 * 5-minute window of end times; a file can also be read as covering the 5 minutes before it: both
 * are allowed), that started up to one aggregation interval ({@link #AGGREGATION}, at most 10
 * minutes) before they ended, and that may have been delivered late, in a file up to
 * {@link #LATE_DELIVERY} after their end. So the file holds records within
 * {@code [T - 75 min, T + 5 min]}, and it is needed by a window {@code [from, to]} when
 * {@code from - 5 min <= T <= to + 75 min}. The folder of an object (its day or hour) is the date of
 * its name's time.
 *
 * @param from window start in epoch seconds, null when open
 * @param to window end in epoch seconds, null when open
 * @param accounts the accounts wanted; empty for all
 * @param regions the regions wanted; empty for all
 */
public record S3Selection(Long from, Long to, Set<String> accounts, Set<String> regions) {
    /** How far a record's end time lies from its file's name time, either way. */
    public static final long FILE_SPAN = 300;
    /** The longest aggregation interval: a record starts at most this long before it ends. */
    public static final long AGGREGATION = 600;
    /** How late after its end a record may still be delivered. */
    public static final long LATE_DELIVERY = 3600;

    public static final S3Selection ALL = new S3Selection(null, null, Set.of(), Set.of());

    public S3Selection {
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        accounts = Set.copyOf(accounts);
        regions = Set.copyOf(regions);
    }

    /** The earliest file name time that can hold records of the window; null when open. */
    public Long firstFileTime() {
        return from == null ? null : from - FILE_SPAN;
    }

    /** The latest file name time that can hold records of the window; null when open. */
    public Long lastFileTime() {
        return to == null ? null : to + FILE_SPAN + AGGREGATION + LATE_DELIVERY;
    }

    public boolean wantsAccount(String account) {
        return accounts.isEmpty() || accounts.contains(account);
    }

    public boolean wantsRegion(String region) {
        return regions.isEmpty() || regions.contains(region);
    }

    /** True when files named with a time in {@code [start, end)} (epoch seconds) can hold records of the window. */
    public boolean wantsPeriod(long start, long end) {
        Long first = firstFileTime();
        Long last = lastFileTime();
        return (first == null || end > first) && (last == null || start <= last);
    }

    /** True when files named with a time in {@code [start, end)} all hold only times the window may need. */
    public boolean coversPeriod(long start, long end) {
        Long first = firstFileTime();
        Long last = lastFileTime();
        return (first == null || start >= first) && (last == null || end - 1 <= last);
    }

    /** True when the object with this key can hold records of the window, accounts and regions. */
    public boolean keeps(S3ObjectKey key) {
        if (!key.isFlowLogKey() || !wantsAccount(key.accountId()) || !wantsRegion(key.region())) {
            return false;
        }
        long t = key.fileTime();
        Long first = firstFileTime();
        Long last = lastFileTime();
        return (first == null || t >= first) && (last == null || t <= last);
    }
}
