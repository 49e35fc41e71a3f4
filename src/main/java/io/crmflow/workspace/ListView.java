package io.crmflow.workspace;

import io.crmflow.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One page of a list as a workspace page shows it: its items, where they stand in the whole list, and
 * links to the other pages and orders of the same list — the request's own path and filters with
 * {@code page} or {@code sort} replaced.
 *
 * @param path       the request's path, with the context path
 * @param parameters the request's query parameters, in their order
 */
public record ListView<T>(Page<T> page, String path, Map<String, List<String>> parameters) {

  static <T> ListView<T> of(Page<T> page, HttpServletRequest request) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
    return new ListView<>(page, request.getRequestURI(), parameters);
  }

  public List<T> items() {
    return page.items();
  }

  public long total() {
    return page.total();
  }

  /** Counting from 1, for "Page 2 of 40". */
  public long number() {
    return page.paging().page() + 1;
  }

  public long pages() {
    return page.pages();
  }

  public boolean hasPrevious() {
    return page.paging().page() > 0;
  }

  public boolean hasNext() {
    return page.hasNext();
  }

  /** The list's n-th page (from 1). */
  public String pageUrl(long number) {
    return with("page", Long.toString(number - 1), null);
  }

  /** The list ordered by the field: ascending first, then the other way round; back to the first page. */
  public String sortUrl(String field) {
    String direction = sortedBy(field) && !page.paging().descending() ? "desc" : "asc";
    return with("sort", field + "," + direction, "page");
  }

  /** For {@code aria-sort} on the column's header: "ascending", "descending", or null (not sorted by it). */
  public String sortState(String field) {
    if (!sortedBy(field)) {
      return null;
    }
    return page.paging().descending() ? "descending" : "ascending";
  }

  private boolean sortedBy(String field) {
    return page.paging().sort().startsWith(field + ",");
  }

  /** This list's link with one parameter set and one (or none) left out. */
  private String with(String name, String value, String without) {
    StringJoiner query = new StringJoiner("&");
    parameters.forEach((parameter, values) -> {
      if (!parameter.equals(name) && !parameter.equals(without)) {
        values.forEach(each -> query.add(encode(parameter) + "=" + encode(each)));
      }
    });
    query.add(encode(name) + "=" + encode(value));
    return path + "?" + query;
  }

  /** Form encoding, as the filter form itself sends: a "+" in a search term stays a "+". */
  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
