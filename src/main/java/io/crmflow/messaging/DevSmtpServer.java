package io.crmflow.messaging;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Development only ({@code crmflow.dev-smtp.enabled}): an SMTP server inside the app, so
 * {@code mvn spring-boot:run} sends real mail without anything installed. Read it at GET /dev/mail.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "crmflow.dev-smtp.enabled", havingValue = "true")
// GreenMail is on the classpath of ./mvnw spring-boot:run and the tests, not in the executable jar
@ConditionalOnClass(name = "com.icegreen.greenmail.util.GreenMail")
class DevSmtpServer {

  private static final Logger log = LoggerFactory.getLogger(DevSmtpServer.class);

  @Bean(initMethod = "start", destroyMethod = "stop")
  GreenMail devSmtp(DevSmtpProperties properties) {
    int port = properties.port();
    log.info("Development SMTP server on localhost:{}; read received mail at GET /dev/mail", port);
    return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }
}
