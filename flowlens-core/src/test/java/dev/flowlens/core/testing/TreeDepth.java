package dev.flowlens.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The depth of a parse tree, walked without recursion (the trees under test may be too deep for the stack). */
public final class TreeDepth {
    private TreeDepth() {}

    /** Levels from {@code root} (1) to its deepest node, {@code children} giving each node's children. */
    public static <T> int of(T root, Function<T, List<T>> children) {
        int max = 0;
        List<T> stack = new ArrayList<>(List.of(root));
        List<Integer> levels = new ArrayList<>(List.of(1));
        while (!stack.isEmpty()) {
            T node = stack.remove(stack.size() - 1);
            int level = levels.remove(levels.size() - 1);
            max = Math.max(max, level);
            for (T child : children.apply(node)) {
                stack.add(child);
                levels.add(level + 1);
            }
        }
        return max;
    }
}
