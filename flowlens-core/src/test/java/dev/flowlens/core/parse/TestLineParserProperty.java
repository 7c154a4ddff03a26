package dev.flowlens.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FieldType;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.record.RecordBatch;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The byte-level {@link LineParser} agrees with a slow reference parser written from the rules
 * (split on runs of blanks, {@code -} absent, numbers through {@link BigInteger}, addresses by
 * regular expressions) over random formats and random lines, good and bad. Seeded: a failure names
 * its seed, format and line.
 */
class TestLineParserProperty {
    private static final long SEED = 20261201L;
    private static final int FORMATS = 300;
    private static final int LINES_PER_FORMAT = 200;

    /** What the reference expects of one line: a problem, or the value of every column. */
    record Expected(ParseProblem problem, List<Object> values, List<Boolean> ipv4) {}

    // ---- the reference parser: obviously correct, slow -------------------------------------------

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Pattern CANONICAL_PART = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{0,4}");
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger SUBSECOND = BigInteger.valueOf(100_000_000_000L);

    static Expected reference(FlowFormat format, String line) {
        List<String> tokens = new ArrayList<>();
        for (String t : line.split("[ \t]+")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        if (tokens.size() != format.size()) {
            return new Expected(
                    new ParseProblem(
                            null, 0, null, "expected " + format.size() + " fields, found " + tokens.size(), line),
                    null,
                    null);
        }
        List<Object> values = new ArrayList<>();
        List<Boolean> ipv4 = new ArrayList<>();
        for (int col = 0; col < tokens.size(); col++) {
            FormatField f = format.get(col);
            String token = tokens.get(col);
            ipv4.add(false);
            if (token.equals("-")) {
                values.add(null);
                continue;
            }
            FieldType type = f.isKnown() ? f.field().type() : FieldType.TEXT;
            String reason = null;
            switch (type) {
                case TEXT -> values.add(token);
                case ADDRESS -> {
                    if (isDottedQuad(token) || isIpv6(token)) {
                        values.add(token);
                        ipv4.set(col, isCanonicalIpv4(token));
                    } else {
                        reason = "not an IPv4 or IPv6 address";
                    }
                }
                case INT, LONG, EPOCH_SECONDS -> {
                    if (token.length() > 19) {
                        reason = "number too large";
                    } else if (!DIGITS.matcher(token).matches()) {
                        reason = "not a whole number";
                    } else {
                        BigInteger v = new BigInteger(token);
                        boolean port = f.field() == FlowField.SRCPORT || f.field() == FlowField.DSTPORT;
                        if (v.compareTo(LONG_MAX) > 0) {
                            reason = "number too large";
                        } else if (port && v.compareTo(BigInteger.valueOf(65535)) > 0) {
                            reason = "port out of range 0-65535";
                        } else if (type == FieldType.INT && !port && v.compareTo(INT_MAX) > 0) {
                            reason = "number too large for a 32-bit field";
                        } else {
                            if (type == FieldType.EPOCH_SECONDS) {
                                // milli-, micro- or nanoseconds: a thousand times smaller until it reads as seconds
                                while (v.compareTo(SUBSECOND) >= 0) {
                                    v = v.divide(BigInteger.valueOf(1000));
                                }
                            }
                            values.add(v.longValueExact());
                        }
                    }
                }
            }
            if (reason != null) {
                return new Expected(new ParseProblem(null, 0, f.name(), reason, token), null, null);
            }
        }
        return new Expected(null, values, ipv4);
    }

    static boolean isDottedQuad(String t) {
        Matcher m = DOTTED_QUAD.matcher(t);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isCanonicalIpv4(String t) {
        if (!isDottedQuad(t)) {
            return false;
        }
        for (String part : t.split("\\.")) {
            if (!CANONICAL_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The parser's (lenient) IPv6 shape: at most 45 characters, hex groups of up to four digits
     * between 2 to 7 colons, or at least 2 colons followed by a dotted quad.
     */
    static boolean isIpv6(String t) {
        if (t.length() > 45) {
            return false;
        }
        int dot = t.indexOf('.');
        String groups = t;
        if (dot >= 0) {
            int lastColon = t.lastIndexOf(':', dot);
            if (lastColon < 0 || !isDottedQuad(t.substring(lastColon + 1))) {
                return false;
            }
            groups = t.substring(0, lastColon + 1);
        }
        String[] parts = groups.split(":", -1);
        int colons = parts.length - 1;
        for (String p : parts) {
            if (!HEX_GROUP.matcher(p).matches()) {
                return false;
            }
        }
        return dot >= 0 ? colons >= 2 : colons >= 2 && colons <= 7;
    }

    // ---- random formats and lines -----------------------------------------------------------------

    static FlowFormat randomFormat(Random r) {
        List<FlowField> all = new ArrayList<>(Arrays.asList(FlowField.values()));
        Collections.shuffle(all, r);
        int n = 1 + r.nextInt(14);
        List<FormatField> fields = new ArrayList<>();
        for (FlowField f : all.subList(0, n)) {
            fields.add(FormatField.known(f));
        }
        if (r.nextInt(4) == 0) {
            fields.add(r.nextInt(fields.size() + 1), FormatField.unknown("x-custom-" + r.nextInt(100)));
        }
        return new FlowFormat(fields);
    }

    private static final String[] BAD_NUMBERS = {
        "abc",
        "-5",
        "+5",
        "1.5",
        "1e3",
        "0x10",
        "12a",
        "99999999999999999999",
        "9223372036854775808",
        "9999999999999999999",
        "123456789012345678901234"
    };
    private static final String[] ADDRESSES = {
        "10.0.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "010.0.0.1",
        "10.00.0.1",
        "2001:db8::1",
        "::1",
        "fe80::1ff:fe23:4567:890a",
        "::ffff:192.0.2.128",
        "2001:0db8:0000:0000:0000:ff00:0042:8329",
        "1:2:3:4:5:6:7:8",
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "1..2.3",
        "1:2",
        "1:2:3:4:5:6:7:8:9",
        "12345::1",
        "gggg::1",
        "2001:db8::1.2.3",
        "::ffff:300.1.1.1",
        "abc",
        "10.0.0.1a",
        "1.2.3.1234"
    };
    private static final String[] TEXTS = {
        "ACCEPT",
        "REJECT",
        "OK",
        "NODATA",
        "SKIPDATA",
        "eni-0a1b2c3d",
        "123456789010",
        "vpc-1",
        "egress",
        "ingress",
        "café",
        "ünïcødé",
        "x",
        "--",
        "-x",
        "a-"
    };

    static String randomToken(Random r, FormatField f) {
        if (r.nextInt(12) == 0) {
            return "-";
        }
        FieldType type = f.isKnown() ? f.field().type() : FieldType.TEXT;
        boolean bad = r.nextInt(25) == 0;
        return switch (type) {
            case TEXT -> bad ? BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)] : TEXTS[r.nextInt(TEXTS.length)];
            case ADDRESS -> r.nextBoolean() ? randomIpv4(r) : ADDRESSES[r.nextInt(ADDRESSES.length)];
            case INT, LONG, EPOCH_SECONDS -> bad ? BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)] : randomNumber(r);
        };
    }

    static String randomIpv4(Random r) {
        return r.nextInt(300) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    static String randomNumber(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> Integer.toString(r.nextInt(70000)); // around the port limit
            case 1 -> Long.toString(Integer.MAX_VALUE + (long) r.nextInt(3) - 1);
            case 2 -> Long.toString(1_714_521_600L + r.nextInt(100_000)); // seconds
            case 3 -> Long.toString((1_714_521_600L + r.nextInt(100_000)) * 1000 + r.nextInt(1000)); // milliseconds
            case 4 ->
                Long.toString((1_714_521_600L + r.nextInt(100_000)) * 1_000_000_000L + r.nextInt(1_000_000_000)); // ns
            case 5 -> Long.toString(Long.MAX_VALUE - r.nextInt(3));
            case 6 -> "0";
            default -> Long.toString(r.nextLong() >>> (1 + r.nextInt(63)));
        };
    }

    static String blanks(Random r, boolean atLeastOne) {
        int n = (atLeastOne ? 1 : 0) + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(r.nextInt(5) == 0 ? '\t' : ' ');
        }
        return b.toString();
    }

    static String randomLine(Random r, FlowFormat format) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < format.size(); i++) {
            tokens.add(randomToken(r, format.get(i)));
        }
        int shape = r.nextInt(30);
        if (shape == 0) {
            tokens.remove(r.nextInt(tokens.size()));
        } else if (shape == 1) {
            tokens.add(r.nextInt(tokens.size() + 1), TEXTS[r.nextInt(TEXTS.length)]);
        }
        StringBuilder b = new StringBuilder(blanks(r, false));
        for (int i = 0; i < tokens.size(); i++) {
            b.append(i == 0 ? "" : blanks(r, true)).append(tokens.get(i));
        }
        return b.append(blanks(r, false)).toString();
    }

    // ---- the property -----------------------------------------------------------------------------

    @Test
    void agreesWithTheReferenceOnRandomFormatsAndLines() {
        Random r = new Random(SEED);
        int problems = 0;
        int rows = 0;
        for (int fi = 0; fi < FORMATS; fi++) {
            FlowFormat format = randomFormat(r);
            // a tiny cache: collisions and evictions must not change a value
            LineParser parser = new LineParser(format, new TextCache(16));
            RecordBatch batch = new RecordBatch(format, LINES_PER_FORMAT);
            for (int li = 0; li < LINES_PER_FORMAT; li++) {
                String line = randomLine(r, format);
                String where = "seed " + SEED + ", format " + format.headerLine() + ", line [" + line + "]";
                // the line sits inside a larger buffer: offsets must be honoured
                byte[] text = line.getBytes(StandardCharsets.UTF_8);
                byte[] buffer = new byte[text.length + 8];
                Arrays.fill(buffer, (byte) 'Z');
                System.arraycopy(text, 0, buffer, 3, text.length);
                ParseProblem actual = parser.parse(buffer, 3, 3 + text.length, batch);
                Expected expected = reference(format, line);
                assertThat(actual).as(where).isEqualTo(expected.problem());
                if (actual != null) {
                    problems++;
                    continue;
                }
                int row = batch.nextRow();
                batch.commitRow(li + 1, null);
                rows++;
                for (int col = 0; col < format.size(); col++) {
                    String at = where + ", column " + format.get(col).name();
                    assertThat(batch.value(col, row))
                            .as(at)
                            .isEqualTo(expected.values().get(col));
                    assertThat(batch.isNull(col, row))
                            .as(at)
                            .isEqualTo(expected.values().get(col) == null);
                    if (format.get(col).isKnown() && format.get(col).field().type() == FieldType.ADDRESS) {
                        assertThat(batch.isIpv4(col, row))
                                .as(at)
                                .isEqualTo(expected.ipv4().get(col));
                    }
                }
            }
        }
        // the generator reaches both outcomes often enough to mean something
        assertThat(problems).isGreaterThan(FORMATS * LINES_PER_FORMAT / 20);
        assertThat(rows).isGreaterThan(FORMATS * LINES_PER_FORMAT / 4);
    }

    @Test
    void referenceSpotChecks() {
        // the reference itself, on cases worked out by hand
        FlowFormat v2 = FlowFormat.DEFAULT_V2;
        String good =
                "2 123456789010 eni-0a 10.0.1.5 2001:db8::9 40000 5432 6 3 180 1714521600000 1714521660 ACCEPT OK";
        Expected e = reference(v2, good);
        assertThat(e.problem()).isNull();
        assertThat(e.values())
                .containsExactly(
                        2L,
                        "123456789010",
                        "eni-0a",
                        "10.0.1.5",
                        "2001:db8::9",
                        40000L,
                        5432L,
                        6L,
                        3L,
                        180L,
                        1714521600L,
                        1714521660L,
                        "ACCEPT",
                        "OK");
        assertThat(reference(v2, good.replace("40000", "70000")).problem().reason())
                .isEqualTo("port out of range 0-65535");
        assertThat(reference(v2, good.replace(" OK", "")).problem().reason()).isEqualTo("expected 14 fields, found 13");
        assertThat(isIpv6("::ffff:192.0.2.128")).isTrue();
        assertThat(isIpv6("1:2")).isFalse();
        assertThat(isCanonicalIpv4("010.0.0.1")).isFalse();
        assertThat(isDottedQuad("010.0.0.1")).isTrue();
    }
}
