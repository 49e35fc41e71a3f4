package io.crmflow.workspace;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the workspace's templates write values ({@code ${@fmt.money(quote.total)}}): the same way as the
 * Tasklist record plug-in — amounts with two decimals and thousands separators, enum constants in
 * lower case words — and times in the server's zone, named.
 */
@Component("fmt")
public class Formats {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

  private final ZoneId zone = ZoneId.systemDefault();

  public String dateTime(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
  }

  public String date(Instant instant) {
    return instant == null ? "" : DATE.format(instant.atZone(zone));
  }

  /** For {@code <time datetime>}: machine-readable, zone-free. */
  public String iso(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  public String money(BigDecimal amount) {
    return amount == null ? "" : decimal("#,##0.00").format(amount);
  }

  public String number(Number value) {
    return value == null ? "" : decimal("#,##0").format(value);
  }

  /** {@code IN_REVIEW} → "in review"; codes such as {@code hot} stay as they are. */
  public String words(Object value) {
    return wordsOf(value);
  }

  static String wordsOf(Object value) {
    return value == null ? "" : String.valueOf(value).toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The first 8 characters of an id, as the Tasklist cards name quotes. */
  public String shortId(String id) {
    return id == null ? "" : id.substring(0, Math.min(8, id.length()));
  }

  private static DecimalFormat decimal(String pattern) {
    // a new one per call: DecimalFormat is not thread-safe
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH));
  }
}
