package dev.flowlens.store.sql;

import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link FlowFilter} into a WHERE condition over {@code flow_rows} (the {@code flows}
 * view with the stored address columns) with bound parameters. IPv4 addresses and blocks compare
 * as numbers on the {@code _v4} columns; IPv6 blocks on the {@code _text} columns.
 */
public final class FilterSql {
    private FilterSql() {}

    public static SqlFragment where(FlowFilter f) {
        List<SqlFragment> parts = new ArrayList<>();
        for (List<SqlFragment> alternatives : conjuncts(f)) {
            parts.add(SqlFragment.or(alternatives));
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
            parts.add(List.of(new SqlFragment(
                    "interface_id IN (" + marks + ") OR interface_id IS NULL", new ArrayList<Object>(f.enis()))));
            List<Object> params = new ArrayList<>(f.enis());
            params.addAll(f.enis());
            parts.add(List.of(
                    new SqlFragment("interface_id IN (" + marks + ") OR log_stream IN (" + marks + ")", params)));
        }
        if (f.from() != null) {
            parts.add(List.of(new SqlFragment("\"end\" >= ?", List.of(f.from()))));
        }
        if (f.to() != null) {
            parts.add(List.of(new SqlFragment("start <= ?", List.of(f.to()))));
        }
        if (f.ip() != null) {
            parts.add(List.of(address(SRCADDR, f.ip()), address(DSTADDR, f.ip())));
        }
        if (f.src() != null) {
            parts.add(List.of(address(SRCADDR, f.src())));
        }
        if (f.dst() != null) {
            parts.add(List.of(address(DSTADDR, f.dst())));
        }
        if (f.port() != null) {
            parts.add(List.of(
                    new SqlFragment("srcport = ?", List.of(f.port())),
                    new SqlFragment("dstport = ?", List.of(f.port()))));
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
            parts.add(List.of(new SqlFragment("action = ?", List.of(f.action().name()))));
        }
        if (f.status() != null) {
            parts.add(
                    List.of(new SqlFragment("log_status = ?", List.of(f.status().name()))));
        }
        return parts;
    }

    /**
     * The stored columns of one address (SQL expressions over {@code flow_rows}): the IPv4 number
     * and the text of any other address.
     */
    public record Address(String v4, String text) {
        /** A field's own columns, with an optional table alias ({@code "f."} or {@code ""}). */
        public static Address of(String alias, FlowField field) {
            return new Address(alias + AddressSql.v4(field.column()), alias + AddressSql.text(field.column()));
        }

        /**
         * {@link #packetOr(String, FlowField, FlowField)}, or the interface-level address alone when
         * the table has no column for the packet-level one (a simpler condition DuckDB checks in
         * its scan: three times faster on v2 records).
         */
        public static Address packetOr(
                String alias, FlowField packet, FlowField plain, java.util.Collection<String> tableColumns) {
            return tableColumns.contains(AddressSql.v4(packet.column()))
                    ? packetOr(alias, packet, plain)
                    : of(alias, plain);
        }

        /** The packet-level address when the record has one, else the interface-level one. */
        public static Address packetOr(String alias, FlowField packet, FlowField plain) {
            Address p = of(alias, packet);
            Address a = of(alias, plain);
            String hasPacket = "(" + p.v4() + " IS NOT NULL OR " + p.text() + " IS NOT NULL)";
            return new Address(
                    "CASE WHEN " + hasPacket + " THEN " + p.v4() + " ELSE " + a.v4() + " END",
                    "CASE WHEN " + hasPacket + " THEN " + p.text() + " ELSE " + a.text() + " END");
        }

        /** SQL for the address as text. */
        public String display() {
            return AddressSql.display(v4, text);
        }

        /** SQL: true when the address is present. */
        public String present() {
            return "(" + v4 + " IS NOT NULL OR " + text + " IS NOT NULL)";
        }
    }

    static final Address SRCADDR = Address.of("", FlowField.SRCADDR);
    static final Address DSTADDR = Address.of("", FlowField.DSTADDR);

    /**
     * An address in a block: IPv4 as one comparison of the stored number (an equality or a range,
     * both checked inside DuckDB's scan); IPv6 in canonical form on the text column.
     */
    public static SqlFragment address(Address column, Cidr block) {
        if (block.isIpv4()) {
            if (block.isSingleAddress()) {
                return new SqlFragment(
                        column.v4() + " = ?", List.of(block.first().longValue()));
            }
            return new SqlFragment(
                    column.v4() + " BETWEEN ? AND ?",
                    List.of(block.first().longValue(), block.last().longValue()));
        }
        // IPv6: the store keeps addresses as logged (compressed, any case), so expand the column to
        // 32 lower-case hex digits in SQL and compare with the block's first and last address
        String firstHex = String.format("%032x", block.first());
        String lastHex = String.format("%032x", block.last());
        return new SqlFragment(ipv6Hex(column.text()) + " BETWEEN ? AND ?", List.of(firstHex, lastHex));
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
        String rightGroups =
                "(CASE WHEN " + right + " = '' THEN []::VARCHAR[] ELSE string_split(" + right + ", ':') END)";
        String groups = "(CASE WHEN strpos(" + column + ", '::') > 0 THEN list_concat(list_concat(" + leftGroups
                + ", list_transform(range(8 - len(" + leftGroups + ") - len(" + rightGroups + ")), lambda x: '0')), "
                + rightGroups
                + ") ELSE string_split(" + column + ", ':') END)";
        String hex = "array_to_string(list_transform(" + groups + ", lambda g: lpad(lower(g), 4, '0')), '')";
        return "(CASE WHEN strpos(" + column + ", ':') > 0 AND strpos(" + column + ", '.') = 0 THEN " + hex + " END)";
    }
}
