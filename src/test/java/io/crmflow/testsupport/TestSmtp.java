package io.crmflow.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * One real SMTP server (GreenMail) for the whole test JVM on the port application-test.yaml
 * points Spring Mail at; every Spring context of the suite shares it. Tests may stop it to
 * simulate an outage and start it again.
 */
public final class TestSmtp {

  /** Overridable (-Dcrmflow.test.smtp-port=…) so two checkouts can run their suites at once. */
  public static final int PORT = Integer.getInteger("crmflow.test.smtp-port", 3925);
  private static GreenMail server;

  private TestSmtp() {
  }

  public static synchronized GreenMail server() {
    if (server == null) {
      start();
    }
    return server;
  }

  public static synchronized void start() {
    server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  public static synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  public static void purge() throws Exception {
    server().purgeEmailFromAllMailboxes();
  }

  public static List<MimeMessage> messagesTo(String address) {
    return Arrays.stream(server().getReceivedMessages())
        .filter(message -> {
          try {
            return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  /** The text/plain part of a message (decoded), or "" if it has none. */
  public static String plainText(Part part) {
    try {
      if (part.isMimeType("text/plain")) {
        return (String) part.getContent();
      }
      if (part.getContent() instanceof Multipart multipart) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
          text.append(plainText(multipart.getBodyPart(i)));
        }
        return text.toString();
      }
      return "";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
