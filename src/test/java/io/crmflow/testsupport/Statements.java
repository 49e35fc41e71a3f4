package io.crmflow.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The SQL statements some code runs in the calling thread, counted from the debug log of their two sources: the
 * engine's MyBatis mappers (one "==>  Preparing:" line per statement) and Spring's JdbcTemplate, which
 * JdbcClient uses ("Executing prepared SQL statement [..]", "Executing SQL query [..]"). A measurement, so that "cheaper" is counted.
 */
public final class Statements {

  private static final List<String> SOURCES = List.of("org.camunda.bpm.engine.impl.persistence.entity",
      "org.springframework.jdbc.core.JdbcTemplate");

  private Statements() {
  }

  public static List<String> runBy(Runnable code) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    List<Logger> loggers = SOURCES.stream().map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
    List<Level> levels = loggers.stream().map(Logger::getLevel).toList();
    loggers.forEach(logger -> {
      logger.setLevel(Level.DEBUG);
      logger.addAppender(appender);
    });
    try {
      code.run();
    } finally {
      for (int i = 0; i < loggers.size(); i++) {
        loggers.get(i).detachAppender(appender);
        loggers.get(i).setLevel(levels.get(i));
      }
    }
    String thread = Thread.currentThread().getName();
    return appender.list.stream()
        // the code's own statements: scheduled work of the application (e.g. the queued-intake poller) logs too
        .filter(event -> thread.equals(event.getThreadName()))
        .filter(event -> event.getFormattedMessage().startsWith("==>  Preparing:")
            || event.getFormattedMessage().startsWith("Executing prepared SQL statement")
            || event.getFormattedMessage().startsWith("Executing SQL "))
        .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage())
        .toList();
  }
}
