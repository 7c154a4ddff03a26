package dev.flowlens.core.s3;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** A bucket's keys in memory, listed as S3 lists them; remembers every listing asked for. */
final class InMemoryLister implements S3PrefixPlanner.Lister<String> {
    record Call(String prefix, boolean delimited, String startAfter) {}

    final TreeSet<String> keys = new TreeSet<>();
    final List<Call> calls = new ArrayList<>();

    InMemoryLister(Collection<String> keys) {
        this.keys.addAll(keys);
    }

    @Override
    public S3PrefixPlanner.Listing<String> list(String prefix, boolean delimited, String startAfter) {
        calls.add(new Call(prefix, delimited, startAfter));
        TreeSet<String> folders = new TreeSet<>();
        List<String> objects = new ArrayList<>();
        for (String k : keys.tailSet(prefix, true)) {
            if (!k.startsWith(prefix)) {
                break;
            }
            if (startAfter != null && k.compareTo(startAfter) <= 0) {
                continue;
            }
            int slash = k.indexOf('/', prefix.length());
            if (delimited && slash >= 0) {
                folders.add(k.substring(0, slash + 1));
            } else {
                objects.add(k);
            }
        }
        return new S3PrefixPlanner.Listing<>(new ArrayList<>(folders), objects);
    }
}
