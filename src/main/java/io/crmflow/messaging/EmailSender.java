package io.crmflow.messaging;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailSendException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Puts a rendered email on the wire through Spring Mail: HTML with a plain-text alternative,
 * UTF-8, addresses parsed strictly, control characters removed from display names (which are
 * RFC 2047-encoded when not ASCII), so no user-supplied line break reaches a header. An SMTP 5xx answer is permanent ({@link MessageUndeliverable}); anything
 * else (4xx, connection refused, timeout) propagates for the job to retry. SMTP connections are
 * reused across messages ({@link SmtpConnectionPool}, {@code crmflow.mail.connection-pool.*}).
 */
@Component
class EmailSender implements DisposableBean {

  /**
   * Jakarta Mail 2.1 finds its StreamProvider with a ServiceLoader — a look into every jar's
   * META-INF/services — each time a message, part or multipart is built (jakartaee/mail-api#699):
   * several times per email, 5 % of the job threads' CPU. Named by this system property, it is a
   * class lookup instead. A value set from outside is kept.
   */
  static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
  static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
      System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
    }
  }

  private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\u2028\u2029]+");

  private final JavaMailSender mailSender;
  /** Parsed once: the sender is the same on every message (a bad crmflow.mail.from fails at start-up). */
  private final InternetAddress from;
  /** null when the sender is not Spring's JavaMail implementation: then it sends itself. */
  private final SmtpConnectionPool connections;

  EmailSender(JavaMailSender mailSender, MailProperties properties) {
    this.mailSender = mailSender;
    this.from = fromAddress(properties.from());
    this.connections = mailSender instanceof JavaMailSenderImpl impl
        ? new SmtpConnectionPool(impl, properties.connectionPool().maxIdle(), properties.connectionPool().idleTimeout())
        : null;
  }

  @Override
  public void destroy() {
    if (connections != null) {
      connections.destroy();
    }
  }

  void send(String to, String displayName, MailTemplates.RenderedMail mail, String messageId,
      Map<String, String> extraHeaders) {
    MimeMessage message = compose(to, displayName, mail, messageId, extraHeaders);
    try {
      if (connections != null) {
        connections.send(message);
      } else {
        mailSender.send(message);
      }
    } catch (MailSendException e) {
      int code = smtpReturnCode(e);
      if (code >= 500 && code < 600) {
        throw new MessageUndeliverable(Channel.EMAIL, "SMTP server refused the message permanently (" + code + ")", e);
      }
      throw e;
    }
  }

  /** The complete message, headers saved, as it goes on the wire (the email benchmark builds it without sending). */
  MimeMessage compose(String to, String displayName, MailTemplates.RenderedMail mail, String messageId,
      Map<String, String> extraHeaders) {
    MimeMessage message = mailSender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
          StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(recipient(to, displayName));
      helper.setSubject(mail.subject());
      helper.setText(mail.text(), mail.html());
      for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
        message.setHeader(header.getKey(), header.getValue());
      }
      message.setSentDate(new java.util.Date());
      message.saveChanges();
      // after saveChanges, which would assign a random id; Spring keeps an id set here
      message.setHeader("Message-ID", messageId);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MessageUndeliverable(Channel.EMAIL, "Cannot address the email: " + e.getMessage(), e);
    }
    return message;
  }

  private static InternetAddress fromAddress(String from) {
    try {
      return new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("crmflow.mail.from is not an email address: " + e.getMessage(), e);
    }
  }

  private static InternetAddress recipient(String to, String displayName)
      throws AddressException, UnsupportedEncodingException {
    InternetAddress address = new InternetAddress(to, true);
    // Jakarta Mail encodes only non-ASCII names and would pass CR/LF on; a header never gets them
    String name = displayName == null ? "" : LINE_BREAKING.matcher(displayName).replaceAll(" ").strip();
    if (!name.isEmpty()) {
      address.setPersonal(name, StandardCharsets.UTF_8.name());
    }
    return address;
  }

  /** The SMTP reply code in the failure, or -1 when the server was not reached or gave none. */
  static int smtpReturnCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SMTPAddressFailedException addressFailed) {
        return addressFailed.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException sendFailed) {
        return sendFailed.getReturnCode();
      }
      if (t instanceof MailSendException mailSend) {
        for (Exception nested : mailSend.getFailedMessages().values()) {
          int code = smtpReturnCode(nested);
          if (code > 0) {
            return code;
          }
        }
      }
      if (t instanceof MessagingException messaging && messaging.getNextException() != null
          && messaging.getNextException() != t.getCause()) {
        int code = smtpReturnCode(messaging.getNextException());
        if (code > 0) {
          return code;
        }
      }
    }
    return -1;
  }
}
