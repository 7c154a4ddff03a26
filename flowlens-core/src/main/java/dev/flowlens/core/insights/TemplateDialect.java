package dev.flowlens.core.insights;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dialect that is data: a resource of templates, one per {@link Construct} ({@code TEXT_CAST =
 * CAST({0} AS VARCHAR)}), and three settings, {@code dialect.string-escape} ({@code doubled-quote}
 * or {@code backslash}), {@code dialect.full-match} ({@code whole-text}: the engine's function
 * matches the whole text; {@code anchored}: it finds a match anywhere, so the regex is anchored) and
 * {@code dialect.qualify} ({@code true} or {@code false}). Another engine is another resource; a
 * construct missing from it, or a key nothing reads, is an error when it is loaded.
 */
public record TemplateDialect(
        String name,
        Map<Construct, String> templates,
        boolean backslashEscapes,
        boolean anchorsFullMatch,
        boolean hasQualify)
        implements SqlDialect {
    private static final String PREFIX = "dialect.";

    public TemplateDialect {
        Set<Construct> missing = EnumSet.allOf(Construct.class);
        missing.removeAll(templates.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("dialect " + name + " has no template for " + missing);
        }
        templates = new EnumMap<>(templates);
    }

    /** The dialect in the resource {@code resource}, beside {@code owner}'s class file. */
    public static TemplateDialect load(Class<?> owner, String resource) {
        Properties p = new Properties();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no dialect resource " + resource + " beside " + owner.getName());
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dialect " + resource, e);
        }
        return of(resource, p);
    }

    /** The dialect the properties {@code p} write, named {@code resource} in messages. */
    static TemplateDialect of(String resource, Properties p) {
        Map<Construct, String> templates = new EnumMap<>(Construct.class);
        Set<String> unread = new TreeSet<>(p.stringPropertyNames());
        for (Construct c : Construct.values()) {
            if (unread.remove(c.name())) {
                templates.put(c, p.getProperty(c.name()));
            }
        }
        String escape = setting(p, unread, resource, "string-escape", "doubled-quote", "backslash");
        String fullMatch = setting(p, unread, resource, "full-match", "whole-text", "anchored");
        String qualify = setting(p, unread, resource, "qualify", "false", "true");
        if (!unread.isEmpty()) {
            throw new IllegalArgumentException("dialect " + resource + ": unknown keys " + unread);
        }
        return new TemplateDialect(
                resource, templates, escape.equals("backslash"), fullMatch.equals("anchored"), qualify.equals("true"));
    }

    private static String setting(Properties p, Set<String> unread, String resource, String key, String... allowed) {
        unread.remove(PREFIX + key);
        String value = p.getProperty(PREFIX + key, "").trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(
                "dialect " + resource + ": " + PREFIX + key + " must be one of " + String.join(", ", allowed));
    }

    @Override
    public String template(Construct construct) {
        return templates.get(construct);
    }

    @Override
    public String stringLiteral(String value) {
        String escaped = backslashEscapes ? value.replace("\\", "\\\\").replace("'", "\\'") : value.replace("'", "''");
        return "'" + escaped + "'";
    }

    @Override
    public String fullMatchRegex(String regex) {
        return anchorsFullMatch ? "^(?:" + regex + ")$" : regex;
    }
}
