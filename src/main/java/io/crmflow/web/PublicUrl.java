package io.crmflow.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where people reach crmflow from outside: every absolute link crmflow sends (emails, digests, task
 * notifications, unsubscribe links) starts here.
 *
 * @param publicUrl {@code crmflow.public-url}, e.g. {@code https://crm.example.com}; a trailing slash
 *                  is ignored
 */
@ConfigurationProperties("crmflow")
public record PublicUrl(@DefaultValue("http://localhost:8080") String publicUrl) {

  public PublicUrl {
    publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** The absolute link to a path of crmflow ({@code /api/leads/…}, {@code /camunda/app/…}). */
  public String link(String path) {
    return publicUrl + (path.startsWith("/") ? path : "/" + path);
  }

  /** The base without a trailing slash, as mail templates use it ({@code ${publicUrl}/app}). */
  @Override
  public String toString() {
    return publicUrl;
  }
}
