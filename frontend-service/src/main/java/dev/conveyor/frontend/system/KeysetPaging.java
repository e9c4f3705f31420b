package dev.conveyor.frontend.system;

import java.time.Instant;
import java.util.function.Function;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.stereotype.Component;

/**
 * Every listing of the API: newest first, keyset-paginated on (an instant, id) with Spring Data's scrolling. A page
 * costs the same however deep the client has paged, and rows inserted meanwhile neither repeat nor shift the pages.
 * Spring Data reads one row more than the page to tell whether another page follows, so no count query runs; the
 * client carries the position of the page's last row as an opaque {@link PageCursor}.
 */
@Component
public class KeysetPaging {

    private final FrontendProperties properties;

    KeysetPaging(FrontendProperties properties) {
        this.properties = properties;
    }

    /**
     * One page of the rows {@code filter} selects, newest {@code instant} first.
     *
     * @param instant the entity attribute the listing is sorted by, e.g. {@code createdAt}
     * @param limit the client's page size, or null for the default; 400 naming {@code limit} when out of range
     * @param cursor the client's cursor, or null for the first page; 400 naming {@code cursor} when not one of ours
     */
    public <T, V> KeysetPage<V> newestFirst(JpaSpecificationExecutor<T> rows, String instant,
            PredicateSpecification<T> filter, Integer limit, String cursor, Function<? super T, V> view) {
        int size = properties.pageSize(limit);
        PageCursor after = PageCursor.decodeOptional(cursor);
        KeysetScrollPosition position = after == null ? ScrollPosition.keyset() : after.position(instant);
        PredicateSpecification<T> selection = after == null ? filter : filter.and(notAfter(instant, after.at()));
        Sort order = Sort.by(Sort.Direction.DESC, instant, PageCursor.ID);
        Window<T> window = rows.findBy(selection, query -> query.sortBy(order).limit(size).scroll(position));
        String next = window.hasNext() ? PageCursor.of(window.positionAt(window.size() - 1), instant).encode() : null;
        return new KeysetPage<>(window.getContent().stream().<V>map(view).toList(), next);
    }

    /**
     * Spring Data resumes after (t, id) with {@code t < :t OR (t = :t AND id < :id)}, which PostgreSQL does not turn
     * into a range of the (tenant, t DESC, id DESC) indexes: it would read every newer row of the tenant and filter
     * them out, so a deep page would cost more than the first. The redundant {@code t <= :t} is a range it can start
     * the index scan at.
     */
    private static <T> PredicateSpecification<T> notAfter(String instant, Instant at) {
        return (from, builder) -> builder.lessThanOrEqualTo(from.<Instant>get(instant), at);
    }
}
