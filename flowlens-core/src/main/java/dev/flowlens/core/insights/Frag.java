package dev.flowlens.core.insights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A compiled piece of SQL with its parameters in placeholder order and the kind of value it yields. */
record Frag(String sql, List<Object> params, ValueKind kind) {
    /**
     * The longest SQL one query may compile to, in characters. Some functions use their argument
     * more than once, so nesting them could otherwise double the SQL at every level.
     */
    static final int MAX_SQL_CHARS = 4 << 20;

    Frag {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    static Frag of(String sql, ValueKind kind) {
        return new Frag(sql, List.of(), kind);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Appends SQL text and fragments in order, keeping parameters in placeholder order. */
    static final class Builder {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Builder sql(String text) {
            sql.append(text);
            return checked();
        }

        Builder frag(Frag f) {
            if ((long) sql.length() + f.sql().length() > MAX_SQL_CHARS) {
                throw new TooLarge();
            }
            sql.append(f.sql());
            params.addAll(f.params());
            return this;
        }

        private Builder checked() {
            if (sql.length() > MAX_SQL_CHARS) {
                throw new TooLarge();
            }
            return this;
        }

        Builder param(Object value) {
            sql.append('?');
            params.add(value);
            return this;
        }

        Builder join(List<Frag> frags, String separator) {
            for (int i = 0; i < frags.size(); i++) {
                if (i > 0) {
                    sql.append(separator);
                }
                frag(frags.get(i));
            }
            return this;
        }

        boolean isEmpty() {
            return sql.length() == 0;
        }

        Frag build(ValueKind kind) {
            return new Frag(sql.toString(), params, kind);
        }
    }

    /** The SQL being built would be longer than {@link #MAX_SQL_CHARS}: the planner names the expression. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("SQL longer than " + MAX_SQL_CHARS + " characters", null, false, false);
        }
    }
}
