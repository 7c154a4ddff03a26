package dev.flowlens.core.insights;

import static dev.flowlens.core.insights.InsightsFunction.Arg.CIDR;
import static dev.flowlens.core.insights.InsightsFunction.Arg.NUMBER;
import static dev.flowlens.core.insights.InsightsFunction.Arg.PERCENTILE;
import static dev.flowlens.core.insights.InsightsFunction.Arg.PERIOD;
import static dev.flowlens.core.insights.InsightsFunction.Arg.ROWS_OR_VALUE;
import static dev.flowlens.core.insights.InsightsFunction.Arg.TEXT;
import static dev.flowlens.core.insights.InsightsFunction.Arg.VALUE;

import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.insights.FieldStorage.AddressColumns;
import dev.flowlens.core.insights.InsightsFunction.Arg;
import dev.flowlens.core.insights.InsightsFunction.Call;
import dev.flowlens.core.insights.InsightsFunction.Sql;
import dev.flowlens.core.insights.SqlDialect.Construct;
import dev.flowlens.core.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The functions of the Logs Insights language, one entry each: the table the planner checks calls
 * against, compiles them with, and names in its messages ("unknown function", "stats takes ...",
 * "a time period ... can only be an argument of ..."). Row functions come first, then aggregates,
 * each in the order messages list them.
 */
final class InsightsFunctions {
    private static final int ANY_NUMBER = Integer.MAX_VALUE;
    private static final Map<String, InsightsFunction> BY_NAME = table();

    private InsightsFunctions() {}

    /** The function named {@code name} (lower case). */
    static Optional<InsightsFunction> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every function, row functions first. */
    static List<InsightsFunction> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The names of every function, or of the aggregates only, in table order. */
    static List<String> names(boolean aggregatesOnly) {
        return BY_NAME.values().stream()
                .filter(f -> f.aggregate() || !aggregatesOnly)
                .map(InsightsFunction::name)
                .toList();
    }

    /** {@code bin, datefloor or dateceil}: the functions that take an argument of this kind, for messages. */
    static String takingArg(Arg kind) {
        List<String> names = BY_NAME.values().stream()
                .filter(f -> f.args().contains(kind))
                .map(InsightsFunction::name)
                .toList();
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Map<String, InsightsFunction> table() {
        List<InsightsFunction> all = new ArrayList<>();
        for (String name : List.of("abs", "ceil", "floor", "sqrt", "log")) {
            String sqlName = name.equals("log") ? "ln" : name;
            Sql sql = name.equals("ceil") || name.equals("floor")
                    ? c -> c.dialect()
                            .of(name.equals("ceil") ? Construct.CEIL : Construct.FLOOR, ValueKind.NUMBER, c.arg(0))
                    : c -> call(sqlName, c, ValueKind.NUMBER);
            all.add(row(name, 1, 1, ValueKind.NUMBER, sql, NUMBER).overAggregatesToo());
        }
        for (String name : List.of("greatest", "least")) {
            all.add(row(name, 1, ANY_NUMBER, ValueKind.ANY, InsightsFunctions::sameKind, VALUE)
                    .overAggregatesToo());
        }
        all.add(row(
                "ispresent",
                1,
                1,
                ValueKind.BOOLEAN,
                c -> Frag.builder().sql("(").frag(c.arg(0)).sql(" IS NOT NULL)").build(ValueKind.BOOLEAN),
                VALUE));
        all.add(row("isempty", 1, 1, ValueKind.BOOLEAN, c -> isEmpty(c, false), VALUE));
        all.add(row("isblank", 1, 1, ValueKind.BOOLEAN, c -> isEmpty(c, true), VALUE));
        text(all);
        times(all);
        aggregates(all);
        Map<String, InsightsFunction> byName = new LinkedHashMap<>();
        for (InsightsFunction f : all) {
            if (byName.put(f.name(), f) != null) {
                throw new IllegalStateException("function " + f.name() + " is listed twice");
            }
        }
        return byName;
    }

    /** The text functions, the subnet tests and the address checks. */
    private static void text(List<InsightsFunction> all) {
        all.add(row("coalesce", 1, ANY_NUMBER, ValueKind.ANY, InsightsFunctions::sameKind, VALUE));
        all.add(row(
                "concat",
                1,
                ANY_NUMBER,
                ValueKind.TEXT,
                c -> c.dialect().of(Construct.CONCAT, ValueKind.TEXT, arguments(c)),
                TEXT));
        for (String name : List.of("ltrim", "rtrim", "trim")) {
            Construct trim =
                    name.equals("trim") ? Construct.TRIM : name.equals("ltrim") ? Construct.LTRIM : Construct.RTRIM;
            all.add(row(
                    name,
                    1,
                    2,
                    ValueKind.TEXT,
                    c -> c.size() == 1
                            ? call(name, c, ValueKind.TEXT)
                            : c.dialect().of(trim, ValueKind.TEXT, c.arg(0), c.arg(1)),
                    TEXT,
                    TEXT));
        }
        all.add(row("strlen", 1, 1, ValueKind.NUMBER, c -> call("length", c, ValueKind.NUMBER), TEXT));
        all.add(row("toupper", 1, 1, ValueKind.TEXT, c -> call("upper", c, ValueKind.TEXT), TEXT));
        all.add(row("tolower", 1, 1, ValueKind.TEXT, c -> call("lower", c, ValueKind.TEXT), TEXT));
        all.add(row("substr", 2, 3, ValueKind.TEXT, InsightsFunctions::substr, TEXT, NUMBER, NUMBER));
        all.add(row("replace", 3, 3, ValueKind.TEXT, c -> call("replace", c, ValueKind.TEXT), TEXT, TEXT, TEXT));
        all.add(row(
                "strcontains",
                2,
                2,
                ValueKind.NUMBER,
                c -> around("CAST(", call("contains", c, ValueKind.NUMBER), " AS INTEGER)", ValueKind.NUMBER),
                TEXT,
                TEXT));
        all.add(row("isipv4insubnet", 2, 2, ValueKind.BOOLEAN, InsightsFunctions::inSubnet, TEXT, CIDR));
        all.add(row("isipinsubnet", 2, 2, ValueKind.BOOLEAN, InsightsFunctions::inSubnet, TEXT, CIDR));
        for (String name : List.of("isvalidip", "isvalidipv4", "isvalidipv6")) {
            all.add(row(name, 1, 1, ValueKind.BOOLEAN, InsightsFunctions::isValidIp, TEXT));
        }
    }

    /** The functions of time: bins, floors and ceilings, milliseconds. */
    private static void times(List<InsightsFunction> all) {
        all.add(row(
                        "bin",
                        1,
                        1,
                        ValueKind.TIMESTAMP,
                        c -> floor(
                                c.timestamp()
                                        .orElseThrow(() -> c.error(
                                                c.expr(),
                                                "bin() needs @timestamp, which is not available after stats")),
                                c.period(0)),
                        PERIOD)
                .readingTimestamp());
        all.add(row("datefloor", 2, 2, ValueKind.TIMESTAMP, c -> floor(c.arg(0), c.period(1)), NUMBER, PERIOD));
        all.add(row("dateceil", 2, 2, ValueKind.TIMESTAMP, InsightsFunctions::dateCeil, NUMBER, PERIOD));
        all.add(row(
                "frommillis",
                1,
                1,
                ValueKind.TIMESTAMP,
                c -> c.dialect()
                        .of(
                                Construct.INTEGER_DIVIDE,
                                ValueKind.TIMESTAMP,
                                c.dialect().of(Construct.WHOLE_NUMBER, ValueKind.NUMBER, c.arg(0)),
                                Frag.of("1000", ValueKind.NUMBER)),
                NUMBER));
        all.add(row(
                "tomillis", 1, 1, ValueKind.NUMBER, c -> around("(", c.arg(0), " * 1000)", ValueKind.NUMBER), NUMBER));
    }

    /** The aggregates, in the order the message for a misplaced expression in {@code stats} lists them. */
    private static void aggregates(List<InsightsFunction> all) {
        all.add(aggregate(
                "count",
                0,
                1,
                ValueKind.NUMBER,
                c -> c.size() == 0 || c.arg(0) == null
                        ? Frag.of("count(*)", ValueKind.NUMBER)
                        : call("count", c, ValueKind.NUMBER),
                ROWS_OR_VALUE));
        all.add(aggregate("sum", 1, 1, ValueKind.NUMBER, c -> call("sum", c, ValueKind.NUMBER), NUMBER));
        all.add(aggregate("avg", 1, 1, ValueKind.NUMBER, c -> call("avg", c, ValueKind.NUMBER), NUMBER));
        all.add(aggregate(
                "min", 1, 1, ValueKind.ANY, c -> call("min", c, c.arg(0).kind()), VALUE));
        all.add(aggregate(
                "max", 1, 1, ValueKind.ANY, c -> call("max", c, c.arg(0).kind()), VALUE));
        all.add(aggregate(
                "pct",
                2,
                2,
                ValueKind.NUMBER,
                c -> c.dialect()
                        .of(
                                Construct.PERCENTILE,
                                ValueKind.NUMBER,
                                c.arg(0),
                                Frag.builder().param(c.percentile(1) / 100.0).build(ValueKind.NUMBER)),
                NUMBER,
                PERCENTILE));
        all.add(aggregate(
                "count_distinct",
                1,
                1,
                ValueKind.NUMBER,
                c -> around("count(DISTINCT ", c.arg(0), ")", ValueKind.NUMBER),
                VALUE));
        all.add(aggregate("earliest", 1, 1, ValueKind.ANY, c -> argOfTime(Construct.VALUE_AT_MIN, c), VALUE)
                .readingTimestamp());
        all.add(aggregate("latest", 1, 1, ValueKind.ANY, c -> argOfTime(Construct.VALUE_AT_MAX, c), VALUE)
                .readingTimestamp());
        all.add(aggregate("stddev", 1, 1, ValueKind.NUMBER, c -> call("stddev_samp", c, ValueKind.NUMBER), NUMBER));
    }

    private static InsightsFunction row(String name, int min, int max, ValueKind result, Sql sql, Arg... args) {
        return new InsightsFunction(name, false, min, max, List.of(args), result, false, false, sql);
    }

    private static InsightsFunction aggregate(String name, int min, int max, ValueKind result, Sql sql, Arg... args) {
        return new InsightsFunction(name, true, min, max, List.of(args), result, false, false, sql);
    }

    /** {@code name(a, b, ...)} of the compiled arguments. */
    private static Frag call(String sqlName, Call c, ValueKind kind) {
        return around(sqlName + "(", arguments(c), ")", kind);
    }

    /** {@code open inner close}, of {@code kind}. */
    private static Frag around(String open, Frag inner, String close, ValueKind kind) {
        return Frag.builder().sql(open).frag(inner).sql(close).build(kind);
    }

    /** {@code a, b, ...}: the compiled arguments. */
    private static Frag arguments(Call c) {
        List<Frag> args = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            args.add(c.arg(i));
        }
        return Frag.builder().join(args, ", ").build(ValueKind.ANY);
    }

    /** greatest, least, coalesce: of arguments of one kind that kind, of mixed kinds compared as text. */
    private static Frag sameKind(Call c) {
        List<Frag> args = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            args.add(c.arg(i));
        }
        ValueKind kind = args.get(0).kind();
        boolean same = args.stream().allMatch(f -> f.kind() == kind);
        if (!same) {
            args.replaceAll(c.dialect()::text);
        }
        return Frag.builder()
                .sql(c.function().name() + "(")
                .join(args, ", ")
                .sql(")")
                .build(same ? kind : ValueKind.TEXT);
    }

    private static Frag isEmpty(Call c, boolean blank) {
        Frag x = c.arg(0);
        Frag t = c.dialect().text(x);
        Frag.Builder b = Frag.builder().sql("(").frag(x).sql(" IS NULL OR ");
        if (blank) {
            b.sql("trim(").frag(t).sql(")");
        } else {
            b.frag(t);
        }
        return b.sql(" = '')").build(ValueKind.BOOLEAN);
    }

    private static Frag substr(Call c) {
        Frag.Builder b = Frag.builder()
                .sql("substring(")
                .frag(c.arg(0))
                .sql(", ")
                .frag(c.dialect().of(Construct.WHOLE_NUMBER, ValueKind.NUMBER, c.arg(1)))
                .sql(" + 1");
        if (c.size() == 3) {
            b.sql(", ").frag(c.dialect().of(Construct.WHOLE_NUMBER, ValueKind.NUMBER, c.arg(2)));
        }
        return b.sql(")").build(ValueKind.TEXT);
    }

    private static Frag isValidIp(Call c) {
        Frag x = c.arg(0);
        Frag v4 = c.dialect().fullMatch(x, IpFrags.IPV4_SHAPE);
        Frag v6 = Frag.builder()
                .sql("(contains(")
                .frag(x)
                .sql(", ':') AND ")
                .frag(c.dialect().fullMatch(x, "[0-9A-Fa-f:.]{2,45}"))
                .sql(")")
                .build(ValueKind.BOOLEAN);
        String name = c.function().name();
        Frag chosen = name.equals("isvalidipv4")
                ? v4
                : name.equals("isvalidipv6")
                        ? v6
                        : Frag.builder()
                                .sql("(")
                                .frag(v4)
                                .sql(" OR ")
                                .frag(v6)
                                .sql(")")
                                .build(ValueKind.BOOLEAN);
        return Frag.builder().sql("coalesce(").frag(chosen).sql(", false)").build(ValueKind.BOOLEAN);
    }

    private static Frag floor(Frag x, long period) {
        return floorOpen(x, period).sql(")").build(ValueKind.TIMESTAMP);
    }

    /** {@code (x - x % period}: the floor, its parenthesis left open. */
    private static Frag.Builder floorOpen(Frag x, long period) {
        return Frag.builder().sql("(").frag(x).sql(" - ").frag(x).sql(" % ").param(period);
    }

    private static Frag dateCeil(Call c) {
        Frag x = c.arg(0);
        long p = c.period(1);
        return floorOpen(x, p)
                .sql(" + CASE WHEN ")
                .frag(x)
                .sql(" % ")
                .param(p)
                .sql(" = 0 THEN 0 ELSE ")
                .param(p)
                .sql(" END)")
                .build(ValueKind.TIMESTAMP);
    }

    /** earliest, latest: the value at the first or last {@code @timestamp}. */
    private static Frag argOfTime(Construct construct, Call c) {
        Frag x = c.arg(0);
        Frag ts = c.timestamp()
                .orElseThrow(() ->
                        c.error(c.expr(), c.function().name() + "() needs @timestamp, which is not available here"));
        return c.dialect().of(construct, x.kind(), x, ts);
    }

    /**
     * isIpv4InSubnet, isIpInSubnet: an address field kept as a number and text compares the number
     * for dotted quads and the text (NULL for them) for any other spelling; other values their text.
     */
    private static Frag inSubnet(Call c) {
        Expr.Text cidrText = c.literal(1);
        Cidr block;
        try {
            block = Cidr.parse(cidrText.value());
        } catch (FlowlensException | IllegalArgumentException e) {
            throw c.error(cidrText, "not a CIDR block: \"" + cidrText.value() + "\" (write e.g. \"10.0.0.0/16\")");
        }
        if (c.function().name().equals("isipv4insubnet") && !block.isIpv4()) {
            throw c.error(cidrText, "isIpv4InSubnet() needs an IPv4 block; use isIpInSubnet() for IPv6");
        }
        AddressColumns stored = c.storedAddress(0);
        Frag.Builder b = Frag.builder().sql("coalesce(");
        Frag text = stored == null ? c.arg(0) : Frag.of(stored.text(), ValueKind.TEXT);
        if (block.isIpv4()) {
            if (stored != null) {
                b.sql(stored.ipv4() + " BETWEEN ")
                        .param(block.first().longValue())
                        .sql(" AND ")
                        .param(block.last().longValue())
                        .sql(", ");
            }
            b.frag(IpFrags.ipv4Number(c.dialect(), text))
                    .sql(" BETWEEN ")
                    .param(block.first().longValue())
                    .sql(" AND ")
                    .param(block.last().longValue());
        } else {
            b.frag(IpFrags.ipv6Hex(c.dialect(), text))
                    .sql(" BETWEEN ")
                    .param(String.format(Locale.ROOT, "%032x", block.first()))
                    .sql(" AND ")
                    .param(String.format(Locale.ROOT, "%032x", block.last()));
        }
        return b.sql(", false)").build(ValueKind.BOOLEAN);
    }

    /** For messages: {@code count, sum, avg, ...}. */
    static String aggregateList() {
        return String.join(", ", names(true));
    }
}
