package io.crmflow.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a list. Over HTTP the body is the page's items (a JSON array, as the lists always
 * answered), with {@code X-Total-Count} and an RFC 8288 {@code Link} header to the first, previous,
 * next and last pages.
 */
public record Page<T>(List<T> items, long total, Paging paging) {

  public static final String TOTAL_COUNT_HEADER = "X-Total-Count";

  public Page {
    items = List.copyOf(items);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), total, paging);
  }

  public long pages() {
    return Math.max(1, (total + paging.size() - 1) / paging.size());
  }

  public boolean hasNext() {
    return paging.page() + 1 < pages();
  }

  /** The items as the answer to the current request, with the total and links to the neighbouring pages. */
  public ResponseEntity<List<T>> toResponse() {
    UriComponentsBuilder current = ServletUriComponentsBuilder.fromCurrentRequest();
    List<String> links = new ArrayList<>();
    links.add(link(current, 0, "first"));
    if (paging.page() > 0) {
      links.add(link(current, Math.min(paging.page() - 1, pages() - 1), "prev"));
    }
    if (hasNext()) {
      links.add(link(current, paging.page() + 1, "next"));
    }
    links.add(link(current, pages() - 1, "last"));
    return ResponseEntity.ok()
        .header(TOTAL_COUNT_HEADER, Long.toString(total))
        .header("Link", String.join(", ", links))
        .body(items);
  }

  private String link(UriComponentsBuilder current, long page, String relation) {
    String uri = current.cloneBuilder().replaceQueryParam("page", page).replaceQueryParam("size", paging.size())
        .build().toUriString();
    return "<" + uri + ">; rel=\"" + relation + "\"";
  }
}
