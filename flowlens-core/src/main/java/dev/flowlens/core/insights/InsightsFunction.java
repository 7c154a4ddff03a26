package dev.flowlens.core.insights;

import dev.flowlens.core.error.ParsingException;
import dev.flowlens.core.insights.FieldStorage.AddressColumns;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One function of the Logs Insights language, described once (as Trino describes a function by its
 * metadata): the name, whether it aggregates, how many arguments of which kinds it takes, what it
 * yields and its SQL. {@link InsightsFunctions} lists them all; the planner checks calls, compiles
 * their arguments and words its messages from this description alone.
 *
 * @param name the name in lower case, as calls are matched (the parser lower-cases names)
 * @param aggregate whether it is an aggregate (only in {@code stats}) or a row function
 * @param minArgs the fewest arguments
 * @param maxArgs the most arguments, {@link Integer#MAX_VALUE} for any number
 * @param args the kind of each argument; the last one stands for any further arguments
 * @param result the kind of value it yields; {@link ValueKind#ANY} where it depends on the arguments
 * @param readsTimestamp whether it reads {@code @timestamp} besides its arguments
 * @param overAggregates whether {@code stats} may apply it to aggregates, e.g. {@code abs(sum(a) - sum(b))}
 * @param sql its SQL from the compiled arguments
 */
record InsightsFunction(
        String name,
        boolean aggregate,
        int minArgs,
        int maxArgs,
        List<Arg> args,
        ValueKind result,
        boolean readsTimestamp,
        boolean overAggregates,
        Sql sql) {

    /** How an argument is given and compiled. */
    enum Arg {
        /** Any value, compiled as it is. */
        VALUE,
        /** A value read as a number ({@code TRY_CAST} of anything else). */
        NUMBER,
        /** A value read as text ({@code CAST} of anything else). */
        TEXT,
        /** A time period literal such as {@code 5m}: its seconds. */
        PERIOD,
        /** A CIDR block in quotes. */
        CIDR,
        /** A number literal from 0 to 100. */
        PERCENTILE,
        /** {@code *} (every record) or a value. */
        ROWS_OR_VALUE
    }

    /** The SQL of a call whose arguments are checked and compiled. */
    @FunctionalInterface
    interface Sql {
        Frag of(Call call);
    }

    /** A call being compiled: its arguments and what the function may ask of the planner. */
    interface Call {
        InsightsFunction function();

        /** The call as written. */
        Expr.Call expr();

        int size();

        /** Argument {@code i} compiled as its {@link Arg} says; null for a literal kind and for {@code *}. */
        Frag arg(int i);

        /** The seconds of a {@link Arg#PERIOD} argument. */
        long period(int i);

        /** The text of a {@link Arg#CIDR} argument. */
        Expr.Text literal(int i);

        /** The value of a {@link Arg#PERCENTILE} argument. */
        double percentile(int i);

        /** {@code @timestamp} where the call is, if it is there. */
        Optional<Frag> timestamp();

        /** The stored columns of argument {@code i} when it is an address field kept as a number and text. */
        AddressColumns storedAddress(int i);

        /** The SQL of the engine's constructs that differ between engines. */
        DialectSql dialect();

        /** An error at {@code e}. */
        ParsingException error(Expr e, String message);
    }

    InsightsFunction {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        if (minArgs < 0 || maxArgs < minArgs || args.isEmpty() && maxArgs > 0 || args.size() > Math.max(1, maxArgs)) {
            throw new IllegalArgumentException(
                    name + ": arity " + minArgs + ".." + maxArgs + " with arguments " + args);
        }
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(sql, "sql");
    }

    /** The same function, which {@code stats} may also apply to aggregates. */
    InsightsFunction overAggregatesToo() {
        return new InsightsFunction(name, aggregate, minArgs, maxArgs, args, result, readsTimestamp, true, sql);
    }

    /** The same function, which also reads {@code @timestamp}. */
    InsightsFunction readingTimestamp() {
        return new InsightsFunction(name, aggregate, minArgs, maxArgs, args, result, true, overAggregates, sql);
    }

    /** The kind of argument {@code i}. */
    Arg arg(int i) {
        return args.get(Math.min(i, args.size() - 1));
    }

    /** Whether it takes {@code n} arguments. */
    boolean takes(int n) {
        return n >= minArgs && n <= maxArgs;
    }

    /** {@code abs() takes 1 argument but got 2}. */
    String arityMessage(int got) {
        String n = minArgs == maxArgs
                ? String.valueOf(minArgs)
                : maxArgs == Integer.MAX_VALUE
                        ? "at least " + minArgs
                        : minArgs == 0 ? "at most " + maxArgs : minArgs + " to " + maxArgs;
        boolean one = minArgs == maxArgs && minArgs == 1
                || maxArgs == Integer.MAX_VALUE && minArgs == 1
                || minArgs == 0 && maxArgs == 1;
        return name + "() takes " + n + " argument" + (one ? "" : "s") + " but got " + got;
    }
}
