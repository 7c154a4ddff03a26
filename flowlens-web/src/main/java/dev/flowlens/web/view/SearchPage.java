package dev.flowlens.web.view;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/search}: one page of found records from {@code offset}, {@code more} when the search
 * found more than the page; each row keyed by its format's AWS field names (so a map, not a record).
 */
public record SearchPage(int offset, int limit, boolean more, List<Map<String, Object>> rows) {}
