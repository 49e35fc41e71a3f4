package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.ScriptedSmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Connection reuse against a real SMTP server: reuse, idle timeout, stale connections, exactly once. */
class SmtpConnectionPoolTest {

  private final ScriptedSmtpServer server = new ScriptedSmtpServer();
  private final JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
  private SmtpConnectionPool pool;

  @BeforeEach
  void start() {
    server.start();
    mailSender.setHost("127.0.0.1");
    mailSender.setPort(server.port());
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.connectiontimeout", "2000");
    properties.setProperty("mail.smtp.timeout", "2000");
    properties.setProperty("mail.smtp.writetimeout", "2000");
    mailSender.setJavaMailProperties(properties);
    pool = new SmtpConnectionPool(mailSender, 2, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    pool.destroy();
    server.stop();
  }

  @Test
  void messagesShareOneConnection() throws Exception {
    for (int i = 0; i < 5; i++) {
      pool.send(message("lea" + i + "@example.org"));
    }

    assertThat(server.received()).hasSize(5);
    assertThat(server.connectionCount()).isEqualTo(1);
    assertThat(pool.idleCount()).isEqualTo(1);
  }

  @Test
  void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    pool.destroy();
    pool = new SmtpConnectionPool(mailSender, 2, Duration.ofMillis(200));
    pool.send(message("lea@example.org"));
    assertThat(pool.idleCount()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(5)).until(() -> pool.idleCount() == 0);
    pool.send(message("max@example.org"));

    assertThat(server.received()).hasSize(2);
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void aConnectionDroppedWhileIdleIsReplacedAndTheMessageSentOnce() throws Exception {
    pool.send(message("lea@example.org"));
    server.dropConnections();

    pool.send(message("max@example.org"));

    assertThat(server.receivedFor("max@example.org")).hasSize(1);
    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void aFailureAfterTheMessageWasCompleteIsNotRetried() throws Exception {
    pool.send(message("lea@example.org"));
    server.dropConnectionAfterNextData();

    assertThatThrownBy(() -> pool.send(message("max@example.org"))).isInstanceOf(MailSendException.class);

    // the server took it; sending again would deliver it twice (the job's retry decides, with the message log)
    assertThat(server.receivedFor("max@example.org")).hasSize(1);
    assertThat(pool.idleCount()).isZero();
  }

  @Test
  void aPermanentRefusalKeepsItsCodeAndClosesTheConnection() throws Exception {
    server.script("gone@example.org", "550 5.1.1 mailbox unavailable");
    pool.send(message("lea@example.org"));

    assertThatThrownBy(() -> pool.send(message("gone@example.org")))
        .isInstanceOf(MailSendException.class)
        .satisfies(e -> assertThat(EmailSender.smtpReturnCode(e)).isEqualTo(550));
    assertThat(server.rcptCount("gone@example.org")).isEqualTo(1);
    assertThat(pool.idleCount()).isZero();

    pool.send(message("max@example.org"));
    assertThat(server.receivedFor("max@example.org")).hasSize(1);
  }

  @Test
  void aTransientRefusalOnAReusedConnectionIsNotRetriedHere() throws Exception {
    server.script("busy@example.org", "451 4.3.0 try again later", "250 OK");
    pool.send(message("lea@example.org"));

    assertThatThrownBy(() -> pool.send(message("busy@example.org")))
        .isInstanceOf(MailSendException.class)
        .satisfies(e -> assertThat(EmailSender.smtpReturnCode(e)).isEqualTo(451));
    assertThat(server.rcptCount("busy@example.org")).isEqualTo(1);
  }

  private MimeMessage message(String to) throws Exception {
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom("crmflow <no-reply@crmflow.example>");
    helper.setTo(to);
    helper.setSubject("Welcome");
    helper.setText("Hello", "<p>Hello</p>");
    message.saveChanges();
    return message;
  }
}
