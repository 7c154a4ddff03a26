package dev.flowlens.core.insights;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.error.ParsingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parses the CloudWatch Logs Insights query language into a {@link Query}. Commands: fields, filter,
 * stats ... by, sort, limit, display, dedup, parse, joined by {@code |}. Errors name the line and
 * column with a caret and say what was expected.
 *
 * <p>Besides the length and token limits of the {@link Lexer}, an expression nests at most
 * {@value #MAX_DEPTH} levels deep: parentheses, lists, function calls, {@code not}, a minus sign
 * and each operator of a chain such as {@code a + b + c} count one level. A chain of more than
 * {@value #LEFT_TO_RIGHT} operands joined by {@code and} (or {@code or}) is grouped as a balanced
 * tree, which means the same, so thousands of alternatives nest only a few levels deep; shorter
 * chains group from left to right as written.
 */
public final class InsightsParser {
    /** The deepest an expression may nest. */
    public static final int MAX_DEPTH = 100;
    /** The longest chain of {@code and} or {@code or} operands grouped from left to right. */
    static final int LEFT_TO_RIGHT = 8;

    static final Set<String> COMMANDS =
            Set.of("fields", "filter", "stats", "sort", "limit", "display", "dedup", "parse", "head", "tail");
    /** The comparisons written as symbols, by their symbol. */
    private static final Map<String, Expr.BinaryOp> COMPARISONS = Map.of(
            "=",
            Expr.BinaryOp.EQ,
            "!=",
            Expr.BinaryOp.NE,
            "<",
            Expr.BinaryOp.LT,
            "<=",
            Expr.BinaryOp.LE,
            ">",
            Expr.BinaryOp.GT,
            ">=",
            Expr.BinaryOp.GE,
            "=~",
            Expr.BinaryOp.MATCHES);

    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "like", "as", "by", "asc", "desc");

    private final String q;
    private final List<Token> tokens;
    private int i;
    /** How deep the expression being read is nested (see {@link #MAX_DEPTH}). */
    private int depth;

    private InsightsParser(String q) {
        this.q = q;
        this.tokens = Lexer.tokenize(q);
    }

    public static Query parse(String query) {
        if (query == null || query.isBlank()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_QUERY,
                    "empty query: write at least one command, e.g. 'fields @timestamp, @message | limit 20'");
        }
        InsightsParser p = new InsightsParser(query);
        List<Command> commands = new ArrayList<>();
        commands.add(p.command());
        while (p.peek().isSymbol("|")) {
            p.i++;
            commands.add(p.command());
        }
        if (p.peek().kind() != Token.Kind.END) {
            throw p.error(
                    p.peek(),
                    "expected '|' or the end of the query but found " + p.peek().describe());
        }
        Query parsed = new Query(query, commands);
        p.checkDepth(parsed);
        return parsed;
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token next() {
        return tokens.get(i++);
    }

    private ParsingException error(Token t, String message) {
        return new ParsingException(ErrorCode.INVALID_QUERY, q, t.offset(), message);
    }

    private ParsingException tooDeep(int offset) {
        return new ParsingException(
                ErrorCode.INVALID_QUERY,
                q,
                offset,
                "expression nested more than " + MAX_DEPTH
                        + " levels deep (parentheses, lists, function calls, 'not' and chained operators each count one)");
    }

    /** One level deeper while reading what starts at {@code t}; {@link #leave()} undoes it. */
    private void enter(Token t) {
        if (depth == MAX_DEPTH) {
            throw tooDeep(t.offset());
        }
        depth++;
    }

    private void leave() {
        depth--;
    }

    /**
     * Every expression of the query nests at most {@link #MAX_DEPTH} levels: reading bounds the
     * parentheses, {@link ExprDepth} the chains of operators.
     */
    private void checkDepth(Query query) {
        for (Command c : query.commands()) {
            for (Expr root : c.expressions()) {
                Expr deep = ExprDepth.deeperThan(root, MAX_DEPTH);
                if (deep != null) {
                    throw tooDeep(deep.offset());
                }
            }
        }
    }

    private Command command() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT || !COMMANDS.contains(t.text().toLowerCase(Locale.ROOT))) {
            throw error(
                    t,
                    "expected a command (fields, filter, stats, sort, limit, display, dedup, parse) but found "
                            + t.describe());
        }
        switch (t.text().toLowerCase(Locale.ROOT)) {
            case "fields":
                return new Command.Fields(items(), t.offset());
            case "display":
                return new Command.Display(items(), t.offset());
            case "filter":
                return new Command.Filter(expr(), t.offset());
            case "stats": {
                List<Command.Item> aggs = items();
                List<Command.Item> by = List.of();
                if (peek().isWord("by")) {
                    i++;
                    by = items();
                }
                return new Command.Stats(aggs, by, t.offset());
            }
            case "sort": {
                List<Command.SortKey> keys = new ArrayList<>();
                do {
                    Expr e = expr();
                    boolean desc = false;
                    if (peek().isWord("desc")) {
                        desc = true;
                        i++;
                    } else if (peek().isWord("asc")) {
                        i++;
                    }
                    keys.add(new Command.SortKey(e, desc));
                } while (accept(","));
                return new Command.Sort(keys, t.offset());
            }
            case "limit":
            case "head":
            case "tail": {
                Token n = next();
                if (n.kind() != Token.Kind.NUMBER || n.text().contains(".")) {
                    throw error(n, "expected a whole number of rows after 'limit' but found " + n.describe());
                }
                long count;
                try {
                    count = Long.parseLong(n.text());
                } catch (NumberFormatException e) {
                    throw error(n, "row count too large");
                }
                if (count <= 0) {
                    throw error(n, "limit must be at least 1");
                }
                return new Command.Limit(count, t.offset());
            }
            case "dedup": {
                List<Expr> fields = new ArrayList<>();
                do {
                    Token f = peek();
                    Expr e = primary();
                    if (!(e instanceof Expr.Field)) {
                        throw error(f, "dedup takes field names, not " + f.describe());
                    }
                    fields.add(e);
                } while (accept(","));
                return new Command.Dedup(fields, t.offset());
            }
            case "parse":
                return parseCommand(t);
            default:
                throw new AssertionError(t);
        }
    }

    private Command parseCommand(Token t) {
        Expr source = primary();
        Token pattern = next();
        if (pattern.kind() == Token.Kind.STRING) {
            String re = RegexGroups.fromGlob(pattern.text());
            int groups = RegexGroups.globStars(pattern.text());
            if (groups == 0) {
                throw error(pattern, "the parse pattern has no '*' to extract");
            }
            if (!peek().isWord("as")) {
                throw error(
                        peek(),
                        "expected 'as' and " + groups + " field names after the parse pattern but found "
                                + peek().describe());
            }
            i++;
            List<String> names = new ArrayList<>();
            do {
                names.add(name());
            } while (accept(","));
            if (names.size() != groups) {
                throw error(
                        pattern,
                        "the pattern extracts " + groups + " values but " + names.size() + " names follow 'as'");
            }
            return new Command.Parse(source, re, names, t.offset());
        }
        if (pattern.kind() == Token.Kind.REGEX) {
            List<String> names = new ArrayList<>();
            String re = RegexGroups.plainGroups(pattern.text(), names);
            if (names.isEmpty()) {
                throw error(pattern, "the parse regular expression has no named group such as (?<name>...)");
            }
            if (names.contains(null)) {
                throw error(
                        pattern,
                        "every group of a parse regular expression needs a name, e.g. (?<port>\\d+); use (?:...) for unnamed groups");
            }
            return new Command.Parse(source, re, names, t.offset());
        }
        throw error(
                pattern,
                "expected a \"glob * pattern\" or a /regular expression/ after the parse source but found "
                        + pattern.describe());
    }

    private boolean accept(String symbol) {
        if (peek().isSymbol(symbol)) {
            i++;
            return true;
        }
        return false;
    }

    private String name() {
        Token t = next();
        if (t.kind() == Token.Kind.QUOTED_IDENT
                || (t.kind() == Token.Kind.IDENT && !RESERVED.contains(t.text().toLowerCase(Locale.ROOT)))) {
            return t.text();
        }
        throw error(t, "expected a field name but found " + t.describe());
    }

    private List<Command.Item> items() {
        List<Command.Item> items = new ArrayList<>();
        do {
            Expr e = expr();
            String alias = null;
            if (peek().isWord("as")) {
                i++;
                alias = name();
            }
            items.add(new Command.Item(e, alias));
        } while (accept(","));
        return items;
    }

    Expr expr() {
        return or();
    }

    private Expr or() {
        return chain(Expr.BinaryOp.OR, this::and);
    }

    private Expr and() {
        return chain(Expr.BinaryOp.AND, this::not);
    }

    /** The operands of a word operator ({@code or}, {@code and}) as {@link #chain(Expr.BinaryOp, List, List)} joins them. */
    private Expr chain(Expr.BinaryOp op, Supplier<Expr> operand) {
        List<Expr> operands = new ArrayList<>();
        List<Token> operators = new ArrayList<>();
        operands.add(operand.get());
        while (peek().isWord(op.symbol())) {
            operators.add(next());
            operands.add(operand.get());
        }
        return chain(op, operands, operators);
    }

    /**
     * Operands joined by one associative operator ({@code operators.get(k)} between operand k and
     * k + 1): from left to right when there are at most {@link #LEFT_TO_RIGHT}, else as a balanced tree.
     */
    private static Expr chain(Expr.BinaryOp op, List<Expr> operands, List<Token> operators) {
        if (operands.size() <= LEFT_TO_RIGHT) {
            Expr left = operands.get(0);
            for (int k = 1; k < operands.size(); k++) {
                left = new Expr.Binary(
                        op, left, operands.get(k), operators.get(k - 1).offset());
            }
            return left;
        }
        return balanced(op, operands, operators, 0, operands.size());
    }

    private static Expr balanced(Expr.BinaryOp op, List<Expr> operands, List<Token> operators, int from, int to) {
        if (to - from == 1) {
            return operands.get(from);
        }
        int mid = (from + to + 1) >>> 1;
        return new Expr.Binary(
                op,
                balanced(op, operands, operators, from, mid),
                balanced(op, operands, operators, mid, to),
                operators.get(mid - 1).offset());
    }

    private Expr not() {
        if (peek().isWord("not") || peek().isSymbol("!")) {
            Token t = next();
            enter(t);
            Expr operand = not();
            leave();
            return new Expr.Unary(Expr.UnaryOp.NOT, operand, t.offset());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        Token t = peek();
        Expr.BinaryOp op = null;
        if (t.kind() == Token.Kind.SYMBOL) {
            op = COMPARISONS.get(t.text());
        } else if (t.isWord("like")) {
            op = Expr.BinaryOp.LIKE;
        } else if (t.isWord("in")) {
            op = Expr.BinaryOp.IN;
        } else if (t.isWord("not")
                && (tokens.get(i + 1).isWord("like") || tokens.get(i + 1).isWord("in"))) {
            op = tokens.get(i + 1).isWord("like") ? Expr.BinaryOp.NOT_LIKE : Expr.BinaryOp.NOT_IN;
            i++;
        }
        if (op == null) {
            return left;
        }
        i++;
        Expr right = additive();
        if ((op == Expr.BinaryOp.IN || op == Expr.BinaryOp.NOT_IN) && !(right instanceof Expr.ListOf)) {
            throw new ParsingException(
                    ErrorCode.INVALID_QUERY,
                    q,
                    right.offset(),
                    "expected a list such as [\"a\", \"b\"] after '" + op.symbol() + "'");
        }
        if (op == Expr.BinaryOp.MATCHES && !(right instanceof Expr.Regex)) {
            throw new ParsingException(
                    ErrorCode.INVALID_QUERY, q, right.offset(), "expected a /regular expression/ after '=~'");
        }
        if ((op == Expr.BinaryOp.LIKE || op == Expr.BinaryOp.NOT_LIKE)
                && !(right instanceof Expr.Regex)
                && !(right instanceof Expr.Text)) {
            throw new ParsingException(
                    ErrorCode.INVALID_QUERY,
                    q,
                    right.offset(),
                    "expected a \"string\" or a /regular expression/ after 'like'");
        }
        return new Expr.Binary(op, left, right, t.offset());
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            Token t = next();
            left = new Expr.Binary(
                    t.text().equals("+") ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, left, multiplicative(), t.offset());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = power();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            Token t = next();
            Expr.BinaryOp op = t.text().equals("*")
                    ? Expr.BinaryOp.MUL
                    : t.text().equals("/") ? Expr.BinaryOp.DIV : Expr.BinaryOp.MOD;
            left = new Expr.Binary(op, left, power(), t.offset());
        }
        return left;
    }

    private Expr power() {
        Expr left = unary();
        if (peek().isSymbol("^")) {
            Token t = next();
            enter(t);
            Expr right = power();
            leave();
            return new Expr.Binary(Expr.BinaryOp.POW, left, right, t.offset());
        }
        return left;
    }

    private Expr unary() {
        if (peek().isSymbol("-")) {
            Token t = next();
            enter(t);
            Expr operand = unary();
            leave();
            if (operand instanceof Expr.Number n) {
                return new Expr.Number(-n.value(), "-" + n.text(), t.offset());
            }
            return new Expr.Unary(Expr.UnaryOp.MINUS, operand, t.offset());
        }
        return primary();
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Expr.Text(t.text(), t.offset());
            case REGEX:
                return new Expr.Regex(t.text(), t.offset());
            case NUMBER:
                try {
                    return new Expr.Number(Double.parseDouble(t.text()), t.text(), t.offset());
                } catch (NumberFormatException e) {
                    throw error(t, "not a number: " + t.text());
                }
            case DURATION:
                return duration(t);
            case QUOTED_IDENT:
                return new Expr.Field(t.text(), t.offset());
            case IDENT:
                if (peek().isSymbol("(")) {
                    i++;
                    enter(t);
                    List<Expr> args = new ArrayList<>();
                    if (!peek().isSymbol(")")) {
                        do {
                            if (peek().isSymbol("*")) {
                                args.add(new Expr.Star(next().offset()));
                            } else {
                                args.add(expr());
                            }
                        } while (accept(","));
                    }
                    expect(")", "to close the arguments of " + t.text() + "(");
                    leave();
                    return call(t, args);
                }
                if (RESERVED.contains(t.text().toLowerCase(Locale.ROOT))) {
                    throw error(
                            t,
                            "expected a field, value or function but found keyword " + t.describe()
                                    + "; quote a field named like a keyword with backticks");
                }
                return new Expr.Field(t.text(), t.offset());
            case SYMBOL:
                if (t.text().equals("(")) {
                    enter(t);
                    Expr e = expr();
                    expect(")", "to close the parenthesis");
                    leave();
                    return e;
                }
                if (t.text().equals("[")) {
                    enter(t);
                    List<Expr> items = new ArrayList<>();
                    if (!peek().isSymbol("]")) {
                        do {
                            items.add(expr());
                        } while (accept(","));
                    }
                    expect("]", "to close the list");
                    leave();
                    return new Expr.ListOf(items, t.offset());
                }
                throw error(t, "expected a field, value or function but found " + t.describe());
            case END:
                throw error(t, "the query ends too early: expected a field, value or function");
            default:
                throw error(t, "unexpected " + t.describe());
        }
    }

    /** A call; one of a function of {@link InsightsFunctions} with the number of arguments it takes. */
    private Expr call(Token name, List<Expr> args) {
        String n = name.text().toLowerCase(Locale.ROOT);
        Optional<InsightsFunction> fn = InsightsFunctions.find(n);
        if (fn.isPresent() && !fn.get().takes(args.size())) {
            throw error(name, fn.get().arityMessage(args.size()));
        }
        return new Expr.Call(n, args, name.offset());
    }

    private Expr duration(Token t) {
        String s = t.text();
        int k = 0;
        while (k < s.length() && (Character.isDigit(s.charAt(k)) || s.charAt(k) == '.')) {
            k++;
        }
        String unit = s.substring(k).toLowerCase(Locale.ROOT);
        long mult;
        switch (unit) {
            case "s":
            case "sec":
            case "second":
            case "seconds":
                mult = 1;
                break;
            case "m":
            case "min":
            case "minute":
            case "minutes":
                mult = 60;
                break;
            case "h":
            case "hr":
            case "hour":
            case "hours":
                mult = 3600;
                break;
            case "d":
            case "day":
            case "days":
                mult = 86400;
                break;
            case "w":
            case "week":
            case "weeks":
                mult = 7 * 86400;
                break;
            default:
                throw error(
                        t,
                        "unknown time unit '" + unit + "' in " + s
                                + ": use s, m, h, d or w (flow log times have whole seconds)");
        }
        long n;
        try {
            n = Long.parseLong(s.substring(0, k));
        } catch (NumberFormatException e) {
            throw error(t, "a time period needs a whole number, e.g. 5m");
        }
        if (n <= 0) {
            throw error(t, "a time period must be positive");
        }
        return new Expr.Duration(n * mult, s, t.offset());
    }

    private void expect(String symbol, String why) {
        Token t = next();
        if (!t.isSymbol(symbol)) {
            throw error(t, "expected '" + symbol + "' " + why + " but found " + t.describe());
        }
    }
}
