package dev.flowlens.core.insights;

import java.util.List;

/** An expression of the Logs Insights language. Every node knows where it starts in the query text. */
public sealed interface Expr {
    /** Offset of the first character of this expression in the query text. */
    int offset();

    /** A field name: {@code srcAddr}, {@code @timestamp}, {@code `log-status`}. */
    record Field(String name, int offset) implements Expr {}

    record Text(String value, int offset) implements Expr {}

    /** A number as written; {@link #value()} is its value. */
    record Number(double value, String text, int offset) implements Expr {
        public boolean isIntegral() {
            return value == Math.rint(value) && !text.contains(".") && Math.abs(value) < 1e15;
        }
    }

    /** A regular expression between slashes. */
    record Regex(String pattern, int offset) implements Expr {}

    /** A time period such as {@code 5m}: {@code seconds} long. */
    record Duration(long seconds, String text, int offset) implements Expr {}

    /** {@code *}, only as the argument of {@code count}. */
    record Star(int offset) implements Expr {}

    record ListOf(List<Expr> items, int offset) implements Expr {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    record Unary(UnaryOp op, Expr operand, int offset) implements Expr {}

    record Binary(BinaryOp op, Expr left, Expr right, int offset) implements Expr {}

    /** A function call; {@code name} is lower case. */
    record Call(String name, List<Expr> args, int offset) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    enum UnaryOp {
        NOT,
        MINUS;

        public String symbol() {
            return switch (this) {
                case NOT -> "not ";
                case MINUS -> "-";
            };
        }
    }

    enum BinaryOp {
        OR("or"),
        AND("and"),
        EQ("="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        LIKE("like"),
        NOT_LIKE("not like"),
        MATCHES("=~"),
        IN("in"),
        NOT_IN("not in"),
        ADD("+"),
        SUB("-"),
        MUL("*"),
        DIV("/"),
        MOD("%"),
        POW("^");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** The expression as Insights would name its result column, e.g. {@code count(*)}, {@code bin(1h)}. */
    static String text(Expr e) {
        if (e instanceof Field f) {
            return f.name();
        } else if (e instanceof Text t) {
            return '"' + t.value() + '"';
        } else if (e instanceof Number n) {
            return n.text();
        } else if (e instanceof Regex r) {
            return '/' + r.pattern() + '/';
        } else if (e instanceof Duration d) {
            return d.text();
        } else if (e instanceof Star) {
            return "*";
        } else if (e instanceof ListOf l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.items().size(); i++) {
                b.append(i == 0 ? "" : ", ").append(text(l.items().get(i)));
            }
            return b.append(']').toString();
        } else if (e instanceof Unary u) {
            return u.op().symbol() + text(u.operand());
        } else if (e instanceof Binary b) {
            String sep = Character.isLetter(b.op().symbol().charAt(0)) ? " " : "";
            return text(b.left()) + sep + b.op().symbol() + sep + text(b.right());
        } else if (e instanceof Call c) {
            StringBuilder b = new StringBuilder(c.name()).append('(');
            for (int i = 0; i < c.args().size(); i++) {
                b.append(i == 0 ? "" : ",").append(text(c.args().get(i)));
            }
            return b.append(')').toString();
        }
        throw new AssertionError(e);
    }
}
