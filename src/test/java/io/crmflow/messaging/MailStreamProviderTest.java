package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

/** Building an email does not make Jakarta Mail look for its StreamProvider in every jar each time. */
class MailStreamProviderTest {

  @Test
  void namesTheStreamProviderSoPartsAreBuiltWithoutAServiceLookup() throws Exception {
    Class.forName(EmailSender.class.getName());
    assertThat(System.getProperty(EmailSender.STREAM_PROVIDER_PROPERTY)).isEqualTo(EmailSender.ANGUS_STREAM_PROVIDER);
    assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    assertThat(serviceLookupsForTenParts()).isZero();

    // what the property saves: without it, every part and multipart looks into META-INF/services
    System.clearProperty(EmailSender.STREAM_PROVIDER_PROPERTY);
    try {
      assertThat(serviceLookupsForTenParts()).isGreaterThanOrEqualTo(20);
    } finally {
      System.setProperty(EmailSender.STREAM_PROVIDER_PROPERTY, EmailSender.ANGUS_STREAM_PROVIDER);
    }
  }

  private static int serviceLookupsForTenParts() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    CountingLoader loader = new CountingLoader(previous);
    thread.setContextClassLoader(loader);
    try {
      for (int i = 0; i < 10; i++) {
        new MimeMultipart("alternative").addBodyPart(new MimeBodyPart());
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
    return loader.serviceLookups;
  }

  /** Counts the ServiceLoader's look-ups of Jakarta Mail providers through the context class loader. */
  private static final class CountingLoader extends ClassLoader {

    int serviceLookups;

    CountingLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.startsWith("META-INF/services/jakarta.mail.")) {
        serviceLookups++;
      }
      return super.getResources(name);
    }
  }
}
