package io.crmflow.web;

import io.crmflow.shared.InvalidFieldException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The page and order a list request asks for ({@code GET /api/leads}, {@code /cases}, {@code /opportunities},
 * {@code /quotes}): {@code page} counts from 0, {@code size} is 1–100 (default 25), {@code sort} is
 * {@code field} or {@code field,asc|desc} among the fields the list can be ordered by. A bad value is a
 * 400 naming the parameter.
 *
 * @param sortColumn the SQL column the sort field stands for, chosen from the list's own map, never input
 */
public record Paging(int page, int size, String sort, String sortColumn, boolean descending) {

  public static final int DEFAULT_SIZE = 25;
  public static final int MAX_SIZE = 100;

  /**
   * @param columnsBySortField the fields the list can be ordered by and their SQL columns
   * @param defaultSort        e.g. {@code createdAt,desc}
   */
  public static Paging of(String page, String size, String sort, Map<String, String> columnsBySortField,
      String defaultSort) {
    int pageNumber = number("page", page, 0, 0, 1_000_000);
    int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
    String[] parts = (sort == null || sort.isBlank() ? defaultSort : sort).split(",", -1);
    String field = parts[0].strip();
    String column = columnsBySortField.get(field);
    if (column == null || parts.length > 2) {
      throw new InvalidFieldException("sort", "must be field or field,asc|desc with field one of "
          + String.join(", ", columnsBySortField.keySet()));
    }
    String direction = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
    if (!direction.equals("asc") && !direction.equals("desc")) {
      throw new InvalidFieldException("sort", "direction must be asc or desc");
    }
    return new Paging(pageNumber, pageSize, field + "," + direction, column, direction.equals("desc"));
  }

  public long offset() {
    return (long) page * size;
  }

  /** {@code order by} for the list's SQL; the tie breaker (a unique column) keeps pages stable. */
  public String orderBy(String tieBreaker) {
    String direction = descending ? " desc" : " asc";
    return " order by " + sortColumn + direction + (descending ? " nulls last" : " nulls first") + ", " + tieBreaker
        + direction + " offset " + offset() + " rows fetch next " + size + " rows only";
  }

  /**
   * A comma-separated (or repeated) filter parameter read as a list of values.
   *
   * @throws InvalidFieldException naming the parameter when a value is not one the parser knows
   */
  public static <T> List<T> values(String name, List<String> raw, Function<String, T> parser) {
    if (raw == null) {
      return List.of();
    }
    try {
      return raw.stream().flatMap(value -> Arrays.stream(value.split(",")))
          .map(String::strip).filter(value -> !value.isEmpty()).map(parser).distinct().toList();
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(name, e.getMessage() == null ? "has an unknown value" : e.getMessage());
    }
  }

  /** Reads an enum constant by name, in any case; an unknown name's message lists the known ones. */
  public static <E extends Enum<E>> Function<String, E> constantOf(Class<E> type) {
    return value -> Arrays.stream(type.getEnumConstants())
        .filter(constant -> constant.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("must be one of " + String.join(", ",
            Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
  }

  /** A free-text filter: stripped, blank as none, at most {@code max} characters. */
  public static String text(String name, String raw, int max) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String value = raw.strip();
    if (value.length() > max) {
      throw new InvalidFieldException(name, "must be at most " + max + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidFieldException(name, "must not contain control characters");
    }
    return value;
  }

  /** A text search term as a case-insensitive SQL LIKE pattern, its wildcards escaped (use with {@code escape '\'}). */
  public static String containsPattern(String text) {
    return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static int number(String name, String raw, int fallback, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value < min || value > max) {
        throw new InvalidFieldException(name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(name, "must be a whole number");
    }
  }
}
