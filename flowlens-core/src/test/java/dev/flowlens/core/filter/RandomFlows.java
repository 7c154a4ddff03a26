package dev.flowlens.core.filter;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random flow records (as field texts) and random filter patterns drawn from them, for property tests. */
public final class RandomFlows {
    private static final String[] ENIS = {"eni-0a1b2c3d", "eni-0a1b2c3e", "eni-11111111", "eni-99"};
    private static final String[] ADDRS = {
        "10.0.0.5", "10.0.0.52", "10.0.1.5", "172.31.16.21", "192.168.1.1", "2001:db8::1", "2001:db8:0:1::5", "fe80::1"
    };
    private static final int[] PORTS = {22, 443, 3389, 80, 51000, 20641, 2, 0};

    private final Random random;

    public RandomFlows(Random random) {
        this.random = random;
    }

    /** A record's field texts for this format ({@code -} for absent values; NODATA rows now and then). */
    public List<String> record(FlowFormat format) {
        boolean noData = random.nextInt(8) == 0;
        List<String> fields = new ArrayList<>();
        long start = 1_700_000_000L + random.nextInt(7200);
        for (FormatField ff : format.fields()) {
            fields.add(value(ff.field(), noData, start));
        }
        return fields;
    }

    private String value(FlowField f, boolean noData, long start) {
        switch (f) {
            case VERSION:
                return "2";
            case ACCOUNT_ID:
                return "123456789012";
            case INTERFACE_ID:
                return pick(ENIS);
            case START:
                return Long.toString(start);
            case END:
                return Long.toString(start + 60);
            case LOG_STATUS:
                return noData ? "NODATA" : random.nextInt(10) == 0 ? "SKIPDATA" : "OK";
            default:
                break;
        }
        if (noData || random.nextInt(20) == 0) {
            return "-";
        }
        switch (f) {
            case SRCADDR:
            case DSTADDR:
                return pick(ADDRS);
            case SRCPORT:
            case DSTPORT:
                return Integer.toString(PORTS[random.nextInt(PORTS.length)]);
            case PROTOCOL:
                return random.nextBoolean() ? "6" : random.nextBoolean() ? "17" : "1";
            case PACKETS:
                return Integer.toString(1 + random.nextInt(50));
            case BYTES:
                return Integer.toString(40 + random.nextInt(5000));
            case ACTION:
                return random.nextBoolean() ? "ACCEPT" : "REJECT";
            case TCP_FLAGS:
                return Integer.toString(random.nextInt(4) * 2);
            case FLOW_DIRECTION:
                return random.nextBoolean() ? "ingress" : "egress";
            default:
                return "x" + random.nextInt(3);
        }
    }

    /** A random pattern, mostly built from pieces of the given records so that it matches some. */
    public String pattern(FlowFormat format, List<List<String>> records) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            int n = 1 + random.nextInt(3);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                int prefix = random.nextInt(6);
                if (prefix == 0) {
                    b.append('-');
                } else if (prefix <= 2) {
                    b.append('?');
                }
                b.append(term(records));
            }
            return b.toString();
        }
        return delimited(format, records);
    }

    private String term(List<List<String>> records) {
        List<String> rec = records.get(random.nextInt(records.size()));
        int i = random.nextInt(rec.size());
        String field = rec.get(i);
        switch (random.nextInt(6)) {
            case 0:
                return quote(field);
            case 1:
                return quote(" " + field + " ");
            case 2: {
                int from = random.nextInt(field.length());
                int to = from + 1 + random.nextInt(field.length() - from);
                String sub = field.substring(from, to);
                return sub.startsWith("-") || sub.startsWith("?") ? quote(sub) : sub.replace("\"", "");
            }
            case 3: {
                if (i + 1 >= rec.size()) {
                    return quote(field + " ");
                }
                String a = rec.get(i);
                String b = rec.get(i + 1);
                return quote(
                        a.substring(random.nextInt(a.length())) + " " + b.substring(0, 1 + random.nextInt(b.length())));
            }
            case 4:
                return quote(String.join(" ", rec.subList(i, Math.min(rec.size(), i + 1 + random.nextInt(3)))));
            default:
                return field.startsWith("-") || field.startsWith("?") ? quote(field) : field;
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String delimited(FlowFormat format, List<List<String>> records) {
        int n = format.size();
        int mode = random.nextInt(4); // 0 all names, 1 leading + ..., 2 ... + trailing, 3 wrong count
        int lead = mode == 0 ? n : mode == 1 ? 1 + random.nextInt(n) : mode == 2 ? 0 : n - 1;
        int trail = mode == 2 ? 1 + random.nextInt(n) : 0;
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < lead; i++) {
            names.add("f" + i);
            positions.add(i);
        }
        if (mode == 1 || mode == 2) {
            names.add("...");
            positions.add(-1);
        }
        for (int j = 0; j < trail; j++) {
            names.add("t" + j);
            positions.add(n - trail + j);
        }
        List<String> rec = records.get(random.nextInt(records.size()));
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < names.size(); k++) {
            if (k > 0) {
                b.append(", ");
            }
            b.append(names.get(k));
            int pos = positions.get(k);
            if (pos >= 0 && pos < rec.size() && random.nextInt(3) == 0) {
                b.append(condition(names.get(k), rec.get(pos)));
                if (random.nextInt(4) == 0) {
                    b.append(random.nextBoolean() ? " || " : " && ")
                            .append(names.get(k))
                            .append(condition(names.get(k), rec.get(pos)).substring(0));
                }
            }
        }
        return b.append(']').toString();
    }

    private String condition(String name, String value) {
        boolean number = FieldText.isNumber(value);
        int op = random.nextInt(number ? 7 : 4);
        switch (op) {
            case 0:
                return "=" + quote(value);
            case 1:
                return "!=" + quote(value);
            case 2:
                return "=" + (value.length() > 2 ? value.substring(0, 2) + "*" : "*" + value);
            case 3:
                return "!=" + (number ? value : quote(value));
            case 4:
                return ">" + value;
            case 5:
                return "<=" + (Long.parseLong(value) + random.nextInt(3) - 1);
            default:
                return "=" + value;
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
