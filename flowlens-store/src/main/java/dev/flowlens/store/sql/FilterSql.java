package dev.flowlens.store.sql;

import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link FlowFilter} into a WHERE condition over {@code flows} with bound parameters.
 * Exact addresses compare as text (as logged); blocks compare numerically.
 */
public final class FilterSql {
    private FilterSql() {
    }

    public static SqlFragment where(FlowFilter f) {
        List<SqlFragment> parts = new ArrayList<>();
        for (List<SqlFragment> alternatives : conjuncts(f)) {
            parts.add(or(alternatives));
        }
        return SqlFragment.and(parts);
    }

    /**
     * The filter as conditions that must all hold, each given as its alternatives (one of which must
     * hold; most have one). A search may run the alternatives of one condition as separate scans,
     * each of which DuckDB can push into the table scan.
     */
    public static List<List<SqlFragment>> conjuncts(FlowFilter f) {
        List<List<SqlFragment>> parts = new ArrayList<>();
        if (!f.enis().isEmpty()) {
            // written as two conditions so that the first, on interface_id alone, becomes a table
            // filter (row groups skipped by their min/max); the stream names the interface only for
            // records that carry none. A row with another interface fails the first; one without an
            // interface is kept by the second only when its stream matches (NULL otherwise: no match).
            StringBuilder marks = new StringBuilder();
            for (int i = 0; i < f.enis().size(); i++) {
                marks.append(i == 0 ? "?" : ", ?");
            }
            parts.add(List.of(new SqlFragment("interface_id IN (" + marks + ") OR interface_id IS NULL", new ArrayList<Object>(f.enis()))));
            List<Object> params = new ArrayList<>(f.enis());
            params.addAll(f.enis());
            parts.add(List.of(new SqlFragment("interface_id IN (" + marks + ") OR log_stream IN (" + marks + ")", params)));
        }
        if (f.from() != null) {
            parts.add(List.of(new SqlFragment("\"end\" >= ?", List.of(f.from()))));
        }
        if (f.to() != null) {
            parts.add(List.of(new SqlFragment("start <= ?", List.of(f.to()))));
        }
        if (f.ip() != null) {
            parts.add(List.of(address("srcaddr", f.ip()), address("dstaddr", f.ip())));
        }
        if (f.src() != null) {
            parts.add(List.of(address("srcaddr", f.src())));
        }
        if (f.dst() != null) {
            parts.add(List.of(address("dstaddr", f.dst())));
        }
        if (f.port() != null) {
            parts.add(List.of(new SqlFragment("srcport = ?", List.of(f.port())), new SqlFragment("dstport = ?", List.of(f.port()))));
        }
        if (f.srcPort() != null) {
            parts.add(List.of(new SqlFragment("srcport = ?", List.of(f.srcPort()))));
        }
        if (f.dstPort() != null) {
            parts.add(List.of(new SqlFragment("dstport = ?", List.of(f.dstPort()))));
        }
        if (f.protocol() != null) {
            parts.add(List.of(new SqlFragment("protocol = ?", List.of(f.protocol()))));
        }
        if (f.action() != null) {
            parts.add(List.of(new SqlFragment("action = ?", List.of(f.action()))));
        }
        if (f.status() != null) {
            parts.add(List.of(new SqlFragment("log_status = ?", List.of(f.status()))));
        }
        return parts;
    }

    /** The alternatives joined with OR. */
    public static SqlFragment or(List<SqlFragment> alternatives) {
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        StringBuilder b = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (SqlFragment a : alternatives) {
            if (b.length() > 0) {
                b.append(" OR ");
            }
            b.append('(').append(a.sql()).append(')');
            params.addAll(a.params());
        }
        return new SqlFragment(b.toString(), params);
    }

    /**
     * An address column in a block. A single IPv4 address compares as text; an IPv4 block compares
     * the address as a number (only dotted-quad values can match); IPv6 compares in canonical form.
     */
    public static SqlFragment address(String column, Cidr block) {
        if (block.isIpv4()) {
            if (block.isSingleAddress()) {
                return new SqlFragment(column + " = ?", List.of(block.networkAddress()));
            }
            String num = "(CASE WHEN " + column + " LIKE '%.%.%.%' THEN "
                    + "TRY_CAST(split_part(" + column + ", '.', 1) AS UBIGINT) * 16777216 + TRY_CAST(split_part(" + column + ", '.', 2) AS UBIGINT) * 65536 + "
                    + "TRY_CAST(split_part(" + column + ", '.', 3) AS UBIGINT) * 256 + TRY_CAST(split_part(" + column + ", '.', 4) AS UBIGINT) END)";
            return new SqlFragment(num + " BETWEEN ? AND ?", List.of(block.first().longValue(), block.last().longValue()));
        }
        // IPv6: the store keeps addresses as logged (compressed, any case), so expand the column to
        // 32 lower-case hex digits in SQL and compare with the block's first and last address
        String firstHex = String.format("%032x", block.first());
        String lastHex = String.format("%032x", block.last());
        return new SqlFragment(ipv6Hex(column) + " BETWEEN ? AND ?", List.of(firstHex, lastHex));
    }

    /**
     * SQL for the 32 lower-case hex digits of an IPv6 address column ({@code 2001:db8::1} to
     * {@code 20010db8000000000000000000000001}); NULL for IPv4, absent or embedded-IPv4 forms.
     * {@code column} is a name Flowlens chose, never user text.
     */
    public static String ipv6Hex(String column) {
        String left = "split_part(" + column + ", '::', 1)";
        String right = "split_part(" + column + ", '::', 2)";
        String leftGroups = "(CASE WHEN " + left + " = '' THEN []::VARCHAR[] ELSE string_split(" + left + ", ':') END)";
        String rightGroups = "(CASE WHEN " + right + " = '' THEN []::VARCHAR[] ELSE string_split(" + right + ", ':') END)";
        String groups = "(CASE WHEN strpos(" + column + ", '::') > 0 THEN list_concat(list_concat(" + leftGroups
                + ", list_transform(range(8 - len(" + leftGroups + ") - len(" + rightGroups + ")), lambda x: '0')), " + rightGroups
                + ") ELSE string_split(" + column + ", ':') END)";
        String hex = "array_to_string(list_transform(" + groups + ", lambda g: lpad(lower(g), 4, '0')), '')";
        return "(CASE WHEN strpos(" + column + ", ':') > 0 AND strpos(" + column + ", '.') = 0 THEN " + hex + " END)";
    }
}
