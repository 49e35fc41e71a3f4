package io.crmflow.messaging;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends messages over connected SMTP transports that are kept for the next message instead of a
 * new connection (connect, EHLO, … QUIT) per message. The connection settings and the
 * connect/read/write timeouts are those of Spring's {@link JavaMailSenderImpl} ({@code spring.mail.*}).
 *
 * <p>At most {@code maxIdle} connections wait between sends (most recently used first, so extra
 * ones age out); one idle longer than {@code idleTimeout} is closed. A send never waits for a
 * connection: with none idle it opens one. Any failure closes the connection it happened on.
 *
 * <p>A send that fails on a <em>reused</em> connection because the connection is gone (the server may
 * have dropped it while idle: no reply, or 421) is tried once more on a fresh connection — but only
 * when the end of the message data had not yet been sent, so the server cannot have accepted the
 * message; otherwise, and on any failure of a
 * fresh connection, the failure goes to the caller (the job retries), so no message goes out twice.
 */
class SmtpConnectionPool implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SmtpConnectionPool.class);

  private final JavaMailSenderImpl mailSender;
  private final int maxIdle;
  private final long idleTimeoutNanos;
  private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
  private final ScheduledExecutorService sweeper;

  SmtpConnectionPool(JavaMailSenderImpl mailSender, int maxIdle, Duration idleTimeout) {
    this.mailSender = mailSender;
    this.maxIdle = maxIdle;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "smtp-pool-sweeper");
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(1000, idleTimeout.toMillis() / 2);
    sweeper.scheduleWithFixedDelay(this::closeExpired, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Sends the message to its recipients (saveChanges must have been called).
   *
   * @throws MailSendException with the {@link MessagingException} as cause, as Spring's sender does
   */
  void send(MimeMessage message) {
    Connection connection = null;
    try {
      connection = borrow();
      boolean reused = !connection.fresh;
      try {
        connection.transport.sendMessage(message, message.getAllRecipients());
      } catch (MessagingException first) {
        close(connection.transport);
        if (!reused || connection.transport.dataCompleted || !connectionLost(first)) {
          throw first;
        }
        log.debug("SMTP send failed on a reused connection before the message was complete; retrying on a new one",
            first);
        connection = new Connection(connect(), true);
        connection.transport.sendMessage(message, message.getAllRecipients());
      }
      release(connection.transport);
    } catch (MessagingException e) {
      if (connection != null) {
        close(connection.transport);
      }
      throw new MailSendException("Failed to send the email: " + e.getMessage(), e);
    }
  }

  /**
   * The failure says the connection is gone — no SMTP reply (broken socket, end of stream) or 421
   * (service closing the channel, as servers answer on a connection they timed out) — rather than an
   * answer about this message (such as a 4xx or 5xx to RCPT), which goes to the caller as it is.
   */
  private static boolean connectionLost(MessagingException failure) {
    int code = EmailSender.smtpReturnCode(failure);
    return code == -1 || code == 421;
  }

  private Connection borrow() throws MessagingException {
    Idle candidate;
    while ((candidate = idle.pollFirst()) != null) {
      if (System.nanoTime() - candidate.since < idleTimeoutNanos) {
        candidate.transport.dataCompleted = false;
        return new Connection(candidate.transport, false);
      }
      close(candidate.transport);
    }
    return new Connection(connect(), true);
  }

  private void release(TrackingTransport transport) {
    if (maxIdle > 0) {
      idle.offerFirst(new Idle(transport, System.nanoTime()));
      while (idle.size() > maxIdle) {
        Idle surplus = idle.pollLast();
        if (surplus == null) {
          break;
        }
        close(surplus.transport);
      }
    } else {
      close(transport);
    }
  }

  private TrackingTransport connect() throws MessagingException {
    Session session = mailSender.getSession();
    String protocol = mailSender.getProtocol() == null ? "smtp" : mailSender.getProtocol();
    boolean ssl = "smtps".equalsIgnoreCase(protocol);
    TrackingTransport transport = new TrackingTransport(session,
        new URLName(protocol, mailSender.getHost(), mailSender.getPort(), null, null, null), protocol, ssl);
    String username = mailSender.getUsername();
    String password = mailSender.getPassword();
    transport.connect(mailSender.getHost(), mailSender.getPort(), username == null || username.isEmpty() ? null : username,
        password);
    return transport;
  }

  void closeExpired() {
    List<Idle> keep = new ArrayList<>();
    Idle candidate;
    long now = System.nanoTime();
    // take every idle connection out, close the expired ones, put the others back in their order
    while ((candidate = idle.pollLast()) != null) {
      if (now - candidate.since >= idleTimeoutNanos) {
        close(candidate.transport);
      } else {
        keep.add(candidate);
      }
    }
    for (Idle kept : keep) {
      idle.offerFirst(kept);
    }
  }

  /** How many connections wait for the next send (for tests). */
  int idleCount() {
    return idle.size();
  }

  @Override
  public void destroy() {
    sweeper.shutdownNow();
    Idle candidate;
    while ((candidate = idle.pollFirst()) != null) {
      close(candidate.transport);
    }
  }

  private static void close(SMTPTransport transport) {
    try {
      transport.close(); // QUIT, then closes the socket
    } catch (MessagingException | RuntimeException e) {
      log.debug("Closing an SMTP connection failed", e);
    }
  }

  private record Connection(TrackingTransport transport, boolean fresh) {
  }

  private record Idle(TrackingTransport transport, long since) {
  }

  /**
   * Angus's SMTP transport that notes when the end of the message data is about to be sent: from then
   * on the server may have accepted the message, and it must not be sent again on another connection.
   */
  static final class TrackingTransport extends SMTPTransport {

    volatile boolean dataCompleted;

    TrackingTransport(Session session, URLName url, String protocol, boolean ssl) {
      super(session, url, protocol, ssl);
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
      dataCompleted = true;
      super.finishData();
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
      dataCompleted = true;
      super.finishBdat();
    }
  }
}
