package io.crmflow.messaging;

import io.crmflow.contact.ContactLocale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders customer-facing messages from templates/mail/{name}_{locale}.html (subject in its
 * {@code <title>}) and .txt (the plain-text alternative). Thymeleaf escapes every value.
 */
@Component
public class MailTemplates {

  private static final Logger log = LoggerFactory.getLogger(MailTemplates.class);
  private static final String FOLDER = "templates/mail/";
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final SpringTemplateEngine engine = new SpringTemplateEngine();
  private final Map<String, Boolean> found = new ConcurrentHashMap<>();

  MailTemplates() {
    engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
  }

  public record RenderedMail(String subject, String html, String text) {
  }

  public boolean exists(String name) {
    return isOnClasspath(name, ContactLocale.EN);
  }

  /** Templates are fixed at build time, so each lookup is answered once, not on every send. */
  private boolean isOnClasspath(String name, ContactLocale locale) {
    return found.computeIfAbsent(name + "_" + locale.tag(),
        file -> new ClassPathResource(FOLDER + file + ".html").exists());
  }

  /** Renders a message; a missing locale falls back to en and says so in the log. */
  public RenderedMail render(String name, ContactLocale locale, Map<String, Object> model) {
    ContactLocale effective = effectiveLocale(name, locale);
    Context context = new Context(effective.toLocale(), model);
    String html = engine.process(name + "_" + effective.tag() + ".html", context);
    String text = engine.process(name + "_" + effective.tag() + ".txt", context);
    return new RenderedMail(subject(html, name), html, text);
  }

  /** The {@code <title>}'s text on one line; found by plain search, the title being at the top of the page. */
  private static String subject(String html, String name) {
    int open = html.indexOf("<title>");
    int close = open < 0 ? -1 : html.indexOf("</title>", open);
    if (close < 0) {
      return name;
    }
    String title = HtmlUtils.htmlUnescape(html.substring(open + "<title>".length(), close)).strip();
    return WHITESPACE.matcher(title).replaceAll(" ");
  }

  /** The plain-text version only (SMS bodies). */
  public String renderText(String name, ContactLocale locale, Map<String, Object> model) {
    ContactLocale effective = effectiveLocale(name, locale);
    return engine.process(name + "_" + effective.tag() + ".txt", new Context(effective.toLocale(), model)).strip();
  }

  /** How many parsed templates the engine keeps (for tests). */
  int parsedTemplates() {
    return engine.getCacheManager().getTemplateCache().keySet().size();
  }

  private ContactLocale effectiveLocale(String name, ContactLocale locale) {
    if (isOnClasspath(name, locale)) {
      return locale;
    }
    if (!exists(name)) {
      throw new IllegalArgumentException("No mail template named '" + name + "'");
    }
    log.warn("Mail template '{}' has no {} version; falling back to en", name, locale.tag());
    return ContactLocale.EN;
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix(FOLDER);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setResolvablePatterns(Set.of(pattern));
    // parsed once and kept for good (no TTL): the templates are fixed at build time
    resolver.setCacheable(true);
    resolver.setCacheTTLMs(null);
    resolver.setOrder(order);
    resolver.setCheckExistence(true);
    return resolver;
  }

}
