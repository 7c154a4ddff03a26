package dev.flowlens.core.insights;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;

/** Queries planned with the default options, as most Insights tests plan them. */
final class Plans {
    private Plans() {}

    static SqlPlan plan(String query) {
        return InsightsPlanner.plan(query, PlanOptions.defaults());
    }

    /** The error planning {@code query} fails with (the assertion fails if it plans). */
    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String query) {
        return assertThatThrownBy(() -> plan(query));
    }
}
