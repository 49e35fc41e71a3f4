package io.crmflow.messaging;

import io.crmflow.shared.NotFoundException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Development only: the mail the in-process SMTP server received, newest last. */
@RestController
@ConditionalOnProperty(name = "crmflow.dev-smtp.enabled", havingValue = "true")
// GreenMail is on the classpath of ./mvnw spring-boot:run and the tests, not in the executable jar
@ConditionalOnClass(name = "com.icegreen.greenmail.util.GreenMail")
class DevMailboxController {

  private final GreenMail devSmtp;

  DevMailboxController(GreenMail devSmtp) {
    this.devSmtp = devSmtp;
  }

  record ReceivedMail(int index, String messageId, Instant sentAt, String from, List<String> to, String subject) {
  }

  @GetMapping("/dev/mail")
  List<ReceivedMail> list() throws MessagingException {
    MimeMessage[] messages = devSmtp.getReceivedMessages();
    ReceivedMail[] result = new ReceivedMail[messages.length];
    for (int i = 0; i < messages.length; i++) {
      MimeMessage m = messages[i];
      result[i] = new ReceivedMail(i, m.getMessageID(), m.getSentDate() == null ? null : m.getSentDate().toInstant(),
          ((InternetAddress) m.getFrom()[0]).toUnicodeString(), Arrays.stream(m.getAllRecipients()).map(a -> ((InternetAddress) a).toUnicodeString()).toList(),
          m.getSubject());
    }
    return List.of(result);
  }

  /** The whole message as received (RFC 822 source): headers, text and HTML parts. */
  @GetMapping(value = "/dev/mail/{index}", produces = MediaType.TEXT_PLAIN_VALUE)
  String message(@PathVariable int index) {
    MimeMessage[] messages = devSmtp.getReceivedMessages();
    if (index < 0 || index >= messages.length) {
      throw new NotFoundException("Mail", String.valueOf(index));
    }
    return GreenMailUtil.getWholeMessage(messages[index]);
  }
}
