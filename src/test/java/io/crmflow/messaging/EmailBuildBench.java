package io.crmflow.messaging;

import io.crmflow.contact.ContactLocale;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The email step's own work without a database or SMTP server, for the email benchmark
 * ({@code io.crmflow.bench.EmailBuildRun}): the model, the signed Reply-To, the rendered template and the
 * MIME message, as {@link MessageService} prepares them for {@link EmailSender} — never sent.
 */
public final class EmailBuildBench implements AutoCloseable {

  private static final String PUBLIC_URL = "https://crm.example.com";

  private final MailTemplates templates = new MailTemplates();
  private final ReplyAddresses replyAddresses;
  private final EmailSender sender;

  public EmailBuildBench() {
    MessagingProperties messaging = new MessagingProperties("bench-messaging-secret-0123456789", 2,
        Duration.ofDays(365), Duration.ofSeconds(30), Duration.ofSeconds(30), null, null, 10);
    this.replyAddresses = new ReplyAddresses(messaging, new ReplyAddressProperties("reply.example.com"));
    JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
    mailSender.setHost("localhost");
    // no idle connections: the bench never connects
    this.sender = new EmailSender(mailSender, new MailProperties("crmflow <no-reply@example.com>",
        new MailProperties.ConnectionPool(0, Duration.ofSeconds(30))));
  }

  /** One contact's email of {@code template}, complete with headers (its row id and key make it unique). */
  public MimeMessage build(String template, ContactLocale locale, String rowId, String messageKey, String name,
      String company, String address) {
    Map<String, Object> values = new HashMap<>();
    values.put("name", name);
    values.put("company", company);
    values.put("businessKey", "lead-" + rowId);
    values.put("publicUrl", PUBLIC_URL);
    Map<String, String> headers = new LinkedHashMap<>();
    replyAddresses.of(rowId).ifPresent(reply -> headers.put("Reply-To", reply));
    MailTemplates.RenderedMail mail = templates.render(template, locale, values);
    return sender.compose(address, name, mail, MessageKeys.messageId(messageKey), headers);
  }

  @Override
  public void close() {
    sender.destroy();
  }
}
