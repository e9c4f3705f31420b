package dev.conveyor.frontend.security;

import java.util.List;
import java.util.Map;

/**
 * Which jobs run SQL their submitter wrote: {@code sql}, {@code check} with a {@code custom} assertion and
 * {@code export} with a {@code query}. Anything that could turn into caller SQL later (an assertion list given
 * as a manifest placeholder, an assertion without a plain type) counts as caller SQL.
 */
final class CallerSql {

    private CallerSql() {
    }

    static boolean runsCallerSql(String type, Map<String, Object> params) {
        if ("sql".equals(type)) {
            return true;
        }
        if (params == null) {
            return false;
        }
        if ("export".equals(type)) {
            return params.containsKey("query");
        }
        if ("check".equals(type)) {
            Object assertions = params.get("assertions");
            if (assertions == null) {
                return false;
            }
            if (!(assertions instanceof List<?> list)) {
                return true;
            }
            return list.stream().anyMatch(assertion -> !(assertion instanceof Map<?, ?> map)
                    || !(map.get("type") instanceof String kind) || kind.equals("custom"));
        }
        return false;
    }
}
