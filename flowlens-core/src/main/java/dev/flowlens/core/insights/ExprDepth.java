package dev.flowlens.core.insights;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** How deep an expression tree nests, walked without recursion so a deep tree cannot overflow the stack. */
final class ExprDepth {
    private ExprDepth() {}

    /** The first node found below {@code max} levels of {@code root}, or null when the tree is no deeper. */
    static Expr deeperThan(Expr root, int max) {
        Deque<Expr> stack = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        stack.push(root);
        levels.push(1);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            int level = levels.pop();
            if (level > max) {
                return e;
            }
            for (Expr child : children(e)) {
                stack.push(child);
                levels.push(level + 1);
            }
        }
        return null;
    }

    private static List<Expr> children(Expr e) {
        if (e instanceof Expr.Unary u) {
            return List.of(u.operand());
        } else if (e instanceof Expr.Binary b) {
            return List.of(b.left(), b.right());
        } else if (e instanceof Expr.Call c) {
            return c.args();
        } else if (e instanceof Expr.ListOf l) {
            return l.items();
        }
        return List.of();
    }
}
