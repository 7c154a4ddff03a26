package dev.flowlens.core.s3;

import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code StartAfter} key a later run may list a prefix from. Within one day folder keys sort by
 * flow log id before time, so a new object of one flow log can sort before the newest object of
 * another, and a late delivery can land in the folder of an earlier day. The cursor therefore only
 * passes keys in day folders at least {@link #SETTLED_DAYS} days older than the newest key listed
 * (these sort before every newer folder), and only up to the first object that is not done (failed,
 * or not handed to the ingest): the next run lists the recent days again and tries failures again.
 * Keys listed again are skipped by the catalog without being read. Keys outside the dated layouts
 * (only the file name follows the AWS convention) never move the cursor.
 */
public final class S3Cursor {
    /** Day folders this many days older than the newest one listed are taken as complete. */
    public static final int SETTLED_DAYS = 2;

    private S3Cursor() {}

    /**
     * @param before the cursor the listing started after (null: from the start)
     * @param keys the keys a resumable listing returned, in its (lexicographic) order
     * @param done whether the object with a key was loaded, or skipped as known or not needed
     * @return the new cursor (never before {@code before})
     */
    public static String next(String before, List<String> keys, Predicate<String> done) {
        long newestDay = Long.MIN_VALUE;
        for (String key : keys) {
            S3ObjectKey k = S3ObjectKey.parse(key);
            boolean dated = switch (k.layout()) {
                case DEFAULT, HOURLY, HIVE, HIVE_HOURLY -> true;
                case FILE_NAME_ONLY, NONE -> false;
            };
            if (!dated) {
                return before;
            }
            newestDay = Math.max(newestDay, Math.floorDiv(k.fileTime(), 86_400));
        }
        String cursor = before;
        for (String key : keys) {
            S3ObjectKey k = S3ObjectKey.parse(key);
            if (Math.floorDiv(k.fileTime(), 86_400) > newestDay - SETTLED_DAYS || !done.test(key)) {
                break;
            }
            cursor = key;
        }
        return cursor;
    }
}
