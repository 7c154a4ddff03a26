package dev.flowlens.core.insights;

import java.util.List;

/**
 * Rewrites a regular expression's named groups {@code (?<name>...)} / {@code (?P<name>...)} as plain
 * groups (DuckDB's RE2 has no {@code (?<name>} syntax), collecting the names of every capturing
 * group in order (null for an unnamed capturing group).
 */
final class RegexGroups {
    private RegexGroups() {}

    static String plainGroups(String regex, List<String> names) {
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int k = 0; k < regex.length(); k++) {
            char c = regex.charAt(k);
            if (c == '\\' && k + 1 < regex.length()) {
                out.append(c).append(regex.charAt(k + 1));
                k++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                continue;
            }
            if (c == '(') {
                if (regex.startsWith("(?<", k)
                        && k + 3 < regex.length()
                        && regex.charAt(k + 3) != '='
                        && regex.charAt(k + 3) != '!') {
                    int end = regex.indexOf('>', k);
                    names.add(regex.substring(k + 3, end));
                    out.append('(');
                    k = end;
                    continue;
                }
                if (regex.startsWith("(?P<", k)) {
                    int end = regex.indexOf('>', k);
                    names.add(regex.substring(k + 4, end));
                    out.append('(');
                    k = end;
                    continue;
                }
                if (!regex.startsWith("(?", k)) {
                    names.add(null);
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The regular expression of a parse glob: each {@code *} a group, lazy but for a last one, the rest literal. */
    static String fromGlob(String glob) {
        StringBuilder re = new StringBuilder();
        int from = 0;
        for (int k = 0; k < glob.length(); k++) {
            if (glob.charAt(k) == '*') {
                re.append(quote(glob.substring(from, k)));
                re.append(k == glob.length() - 1 ? "(.*)" : "(.*?)");
                from = k + 1;
            }
        }
        return re.append(quote(glob.substring(from))).toString();
    }

    /** How many values a parse glob extracts: its {@code *}s. */
    static int globStars(String glob) {
        return (int) glob.chars().filter(c -> c == '*').count();
    }

    private static String quote(String literal) {
        StringBuilder b = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
