package dev.flowlens.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.insights.SqlDialect.Construct;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A dialect read from its resource is whole, and a resource that lacks or misspells something is refused at load. */
class TestTemplateDialect {
    private static Properties complete() {
        Properties p = new Properties();
        for (Construct c : Construct.values()) {
            p.setProperty(c.name(), c.name().toLowerCase(java.util.Locale.ROOT) + "({0})");
        }
        p.setProperty("dialect.string-escape", "backslash");
        p.setProperty("dialect.full-match", "anchored");
        p.setProperty("dialect.qualify", "false");
        return p;
    }

    @Test
    void theDuckDbResourceWritesEveryConstructAndItsSettings() {
        SqlDialect d = DuckDbDialect.INSTANCE;
        for (Construct c : Construct.values()) {
            assertThat(d.template(c)).as(c.name()).isNotBlank();
        }
        assertThat(d.sql(Construct.INTEGER_DIVIDE, "a", "b")).isEqualTo("(a // b)");
        assertThat(d.sql(Construct.ISO_SECONDS, "s")).isEqualTo("strftime(to_timestamp(s), '%Y-%m-%dT%H:%M:%SZ')");
        assertThat(d.hasQualify()).isTrue();
        assertThat(d.fullMatchRegex("a|b")).isEqualTo("a|b");
        assertThat(d.stringLiteral("it's \\")).isEqualTo("'it''s \\'");
    }

    @Test
    void settingsDecideLiteralsAndFullMatches() {
        TemplateDialect d = TemplateDialect.of("test", complete());
        assertThat(d.stringLiteral("it's \\")).isEqualTo("'it\\'s \\\\'");
        assertThat(d.fullMatchRegex("a|b")).isEqualTo("^(?:a|b)$");
        assertThat(d.hasQualify()).isFalse();
        assertThat(d.sql(Construct.CEIL, "x")).isEqualTo("ceil(x)");
    }

    @Test
    void aMissingConstructAMisspelledKeyOrAnUnknownSettingIsRefused() {
        Properties missing = complete();
        missing.remove("CEIL");
        assertThatThrownBy(() -> TemplateDialect.of("test", missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no template for [CEIL]");
        Properties misspelled = complete();
        misspelled.setProperty("CIEL", "ceil({0})");
        assertThatThrownBy(() -> TemplateDialect.of("test", misspelled)).hasMessageContaining("unknown keys [CIEL]");
        Properties setting = complete();
        setting.setProperty("dialect.qualify", "sometimes");
        assertThatThrownBy(() -> TemplateDialect.of("test", setting))
                .hasMessageContaining("dialect.qualify must be one of false, true");
    }
}
