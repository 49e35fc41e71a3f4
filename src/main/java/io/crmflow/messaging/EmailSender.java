package io.crmflow.messaging;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/** Sends templated emails through Spring Mail: HTML with a plain-text alternative, UTF-8. */
@Service
public class EmailSender {

  private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

  private final JavaMailSender mailSender;
  private final MailTemplates templates;
  private final MailProperties properties;

  EmailSender(JavaMailSender mailSender, MailTemplates templates, MailProperties properties) {
    this.mailSender = mailSender;
    this.templates = templates;
    this.properties = properties;
  }

  /**
   * Renders and sends the email. SMTP failures propagate (the engine retries the job);
   * an address that cannot be parsed strictly is rejected before anything is sent.
   */
  public void send(Email email) {
    MailTemplates.RenderedMail rendered = templates.render(email.template(), email.locale(), email.model());
    MimeMessage message = mailSender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
          StandardCharsets.UTF_8.name());
      helper.setFrom(new InternetAddress(properties.from(), true));
      helper.setTo(recipient(email));
      helper.setSubject(rendered.subject());
      helper.setText(rendered.text(), rendered.html());
      message.saveChanges();
      if (email.messageId() != null) {
        message.setHeader("Message-ID", email.messageId());
      }
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalArgumentException("Cannot build email '" + email.template() + "': " + e.getMessage(), e);
    }
    mailSender.send(message);
    log.info("Sent email '{}' ({})", email.template(), email.messageId());
  }

  private static InternetAddress recipient(Email email) throws AddressException, UnsupportedEncodingException {
    InternetAddress address = new InternetAddress(email.to(), true);
    if (email.toName() != null) {
      // setPersonal encodes the display name (RFC 2047), so no raw user text reaches the header
      address.setPersonal(email.toName(), StandardCharsets.UTF_8.name());
    }
    return address;
  }
}
