package dev.flowlens.core.format;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.text.NearestName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A flow log format: the fields of a record, in order. Built from a {@code ${field}} format as AWS
 * writes it, from space-separated names (an S3 header line), or from a named shortcut
 * ({@code v2}..{@code v11}, {@code tgw}).
 */
public record FlowFormat(List<FormatField> fields) {

    public static final FlowFormat DEFAULT_V2 = shortcut(2);

    /** The Transit Gateway default format: all fields of versions 2 to 6 in the TGW table order. */
    public static final FlowFormat TGW_DEFAULT = of(
            FlowField.VERSION,
            FlowField.RESOURCE_TYPE,
            FlowField.ACCOUNT_ID,
            FlowField.TGW_ID,
            FlowField.TGW_ATTACHMENT_ID,
            FlowField.TGW_SRC_VPC_ACCOUNT_ID,
            FlowField.TGW_DST_VPC_ACCOUNT_ID,
            FlowField.TGW_SRC_VPC_ID,
            FlowField.TGW_DST_VPC_ID,
            FlowField.TGW_SRC_SUBNET_ID,
            FlowField.TGW_DST_SUBNET_ID,
            FlowField.TGW_SRC_ENI,
            FlowField.TGW_DST_ENI,
            FlowField.TGW_SRC_AZ_ID,
            FlowField.TGW_DST_AZ_ID,
            FlowField.TGW_PAIR_ATTACHMENT_ID,
            FlowField.SRCADDR,
            FlowField.DSTADDR,
            FlowField.SRCPORT,
            FlowField.DSTPORT,
            FlowField.PROTOCOL,
            FlowField.PACKETS,
            FlowField.BYTES,
            FlowField.START,
            FlowField.END,
            FlowField.LOG_STATUS,
            FlowField.TYPE,
            FlowField.PACKETS_LOST_NO_ROUTE,
            FlowField.PACKETS_LOST_BLACKHOLE,
            FlowField.PACKETS_LOST_MTU_EXCEEDED,
            FlowField.PACKETS_LOST_TTL_EXPIRED,
            FlowField.TCP_FLAGS,
            FlowField.REGION,
            FlowField.FLOW_DIRECTION,
            FlowField.PKT_SRC_AWS_SERVICE,
            FlowField.PKT_DST_AWS_SERVICE);

    public FlowFormat {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a format has at least one field");
        }
    }

    public static FlowFormat of(FlowField... fields) {
        List<FormatField> list = new ArrayList<>();
        for (FlowField f : fields) {
            list.add(FormatField.known(f));
        }
        return new FlowFormat(list);
    }

    /** All VPC fields of versions 2..{@code version} in the AWS table order. */
    public static FlowFormat shortcut(int version) {
        List<FormatField> list = new ArrayList<>();
        for (FlowField f : FlowField.values()) {
            if (f.inVpcVersion(version)) {
                list.add(FormatField.known(f));
            }
        }
        return new FlowFormat(list);
    }

    public int size() {
        return fields.size();
    }

    public FormatField get(int i) {
        return fields.get(i);
    }

    public Set<FlowField> knownFields() {
        EnumSet<FlowField> set = EnumSet.noneOf(FlowField.class);
        for (FormatField f : fields) {
            if (f.isKnown()) {
                set.add(f.field());
            }
        }
        return set;
    }

    public boolean contains(FlowField field) {
        for (FormatField f : fields) {
            if (f.field() == field) {
                return true;
            }
        }
        return false;
    }

    public boolean isTransitGateway() {
        return contains(FlowField.TGW_ID) || contains(FlowField.TGW_ATTACHMENT_ID) || contains(FlowField.RESOURCE_TYPE);
    }

    /** The format as space-separated AWS names, as an S3 header line writes it. */
    public String headerLine() {
        return fields.stream().map(FormatField::name).collect(Collectors.joining(" "));
    }

    /** The format as AWS writes it for {@code --log-format}. */
    public String awsSpec() {
        return fields.stream().map(f -> "${" + f.name() + "}").collect(Collectors.joining(" "));
    }

    /**
     * Parses a user-given format: {@code ${a} ${b}}, {@code a b} or {@code a,b}, or a shortcut.
     * Unknown names are errors here (a typo must not silently become a text column).
     *
     * @throws FormatException with the position and the nearest known name
     */
    public static FlowFormat parseUserFormat(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("default")) {
            return DEFAULT_V2;
        }
        if (lower.equals("tgw")) {
            return TGW_DEFAULT;
        }
        if (lower.matches("v(2|3|4|5|6|7|8|9|10|11)")) {
            return shortcut(Integer.parseInt(lower.substring(1)));
        }
        List<String> names = tokenize(s);
        if (names.isEmpty()) {
            throw new FormatException(
                    "the format is empty: give field names such as '${version} ${srcaddr}' or a shortcut v2..v11, tgw");
        }
        List<FormatField> list = new ArrayList<>();
        for (String name : names) {
            String bare = name.startsWith("${") && name.endsWith("}") ? name.substring(2, name.length() - 1) : name;
            FlowField f = FlowField.byName(bare)
                    .orElseThrow(() -> new FormatException(
                            "unknown field '" + bare + "' in format '" + spec + "'" + suggestion(bare)));
            list.add(FormatField.known(f));
        }
        String duplicate = duplicate(list, names);
        if (duplicate != null) {
            throw new FormatException(duplicate + " in format '" + spec + "': give each field once");
        }
        return new FlowFormat(list);
    }

    /**
     * Reads a header line (the first line of an S3 text file), or returns null when the line is
     * not a header: every token must look like a field name and most must be known fields.
     * Unknown names are kept.
     *
     * @throws FormatException when the line is a header that names one column twice ({@code srcaddr
     *     srcaddr}, {@code srcaddr SrcAddr}): which records' values would go where cannot be told
     */
    public static FlowFormat fromHeaderLine(String line) {
        List<String> names = tokenize(line);
        if (names.isEmpty()) {
            return null;
        }
        int known = 0;
        List<FormatField> list = new ArrayList<>(names.size());
        for (String name : names) {
            if (!looksLikeName(name)) {
                return null;
            }
            var f = FlowField.byName(name);
            if (f.isPresent()) {
                known++;
                list.add(FormatField.known(f.get()));
            } else {
                list.add(FormatField.unknown(name));
            }
        }
        if (known * 2 < names.size() || known == 0) {
            return null;
        }
        String duplicate = duplicate(list, names);
        if (duplicate != null) {
            throw new FormatException(duplicate + " in the header line: each field may appear once");
        }
        return new FlowFormat(list);
    }

    /** "'a' and 'A' (fields 2 and 5) name the same column x", or null when every column is named once. */
    private static String duplicate(List<FormatField> fields, List<String> written) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Integer before = seen.putIfAbsent(fields.get(i).column(), i);
            if (before != null) {
                String a = written.get(before);
                String b = written.get(i);
                return (a.equals(b) ? "'" + a + "' appears twice" : "'" + a + "' and '" + b + "' name the same field")
                        + " (fields " + (before + 1) + " and " + (i + 1) + ")";
            }
        }
        return null;
    }

    private static boolean looksLikeName(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '$')) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '$' || c == '{' || c == '}')) {
                return false;
            }
        }
        return true;
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == ',')) {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t' && s.charAt(i) != ',') {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** "; did you mean 'x'?" for the nearest known field name, or empty. */
    public static String suggestion(String name) {
        List<String> names = new ArrayList<>();
        for (FlowField f : FlowField.values()) {
            names.add(f.awsName());
        }
        return NearestName.of(name, names, 3)
                .map(n -> "; did you mean '" + n + "'?")
                .orElse("");
    }

    /** A user-given format that cannot be read. */
    public static final class FormatException extends FlowlensException {
        private static final long serialVersionUID = 1L;

        public FormatException(String message) {
            super(ErrorCode.INVALID_FORMAT, message);
        }
    }
}
