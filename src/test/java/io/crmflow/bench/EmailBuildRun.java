package io.crmflow.bench;

import io.crmflow.contact.ContactLocale;
import io.crmflow.messaging.EmailBuildBench;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the email step costs before SMTP: renders the welcome email (Thymeleaf, HTML and text) and builds
 * its MIME message (headers, signed Reply-To, multipart body, encoded) {@code --messages} times in this
 * thread after {@code --warmup} untimed ones, writing each message to a null stream so the MIME is
 * really produced, and prints the CPU time and the bytes allocated per message (this thread's, from
 * {@link com.sun.management.ThreadMXBean}). Recipients differ per message (name, company, ids), from a
 * pool made before the clock starts. Single-threaded, a few seconds: no database, no network.
 *
 * <pre>
 * ./mvnw -B -ntp -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.crmflow.bench.EmailBuildRun -Dexec.args="--messages=20000 --warmup=20000"
 * </pre>
 * Options: --messages (default 20000), --warmup (default 20000), --template (default welcome),
 * --locale (en or zh-CN, default en).
 */
public final class EmailBuildRun {

  private static final int RECIPIENTS = 256;

  /** The options of one run. */
  public record Options(int messages, int warmup, String template, ContactLocale locale) {

    static Options parse(String... args) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String arg : args) {
        String[] pair = arg.replaceFirst("^--", "").split("=", 2);
        if (!List.of("messages", "warmup", "template", "locale").contains(pair[0]) || pair.length < 2) {
          throw new IllegalArgumentException("Unknown option " + arg);
        }
        values.put(pair[0], pair[1]);
      }
      return new Options(Integer.parseInt(values.getOrDefault("messages", "20000")),
          Integer.parseInt(values.getOrDefault("warmup", "20000")), values.getOrDefault("template", "welcome"),
          ContactLocale.fromTag(values.getOrDefault("locale", "en")));
    }
  }

  /**
   * Per message, over the measured ones.
   *
   * @param mimeBytes the size of the last message as written
   */
  public record Result(int messages, double cpuMicros, long allocatedBytes, long mimeBytes) {
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Result result = run(options);
    System.out.printf("%s (%s): %,d messages after %,d warm-up, %.1f µs CPU and %,d bytes allocated per message"
            + " (message size %,d bytes)%n", options.template(), options.locale().tag(), result.messages(),
        options.warmup(), result.cpuMicros(), result.allocatedBytes(), result.mimeBytes());
  }

  public static Result run(Options options) throws Exception {
    Recipient[] recipients = new Recipient[RECIPIENTS];
    for (int i = 0; i < RECIPIENTS; i++) {
      String rowId = UUID.randomUUID().toString();
      recipients[i] = new Recipient(rowId, "pi-" + i + ":Task_SendWelcomeEmail:job-" + rowId, "Ada Lovelace " + i,
          i % 3 == 0 ? null : "Analytical Engines " + i, "ada" + i + "@example.com");
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (EmailBuildBench bench = new EmailBuildBench()) {
      CountingStream sink = new CountingStream();
      for (int i = 0; i < options.warmup(); i++) {
        buildAndWrite(bench, options, recipients[i % RECIPIENTS], sink);
      }
      long cpu = threads.getCurrentThreadCpuTime();
      long allocated = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < options.messages(); i++) {
        sink.count = 0;
        buildAndWrite(bench, options, recipients[i % RECIPIENTS], sink);
      }
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
      return new Result(options.messages(), cpu / 1e3 / options.messages(), allocated / options.messages(),
          sink.count);
    }
  }

  private static void buildAndWrite(EmailBuildBench bench, Options options, Recipient to, OutputStream sink)
      throws Exception {
    MimeMessage message = bench.build(options.template(), options.locale(), to.rowId(), to.messageKey(), to.name(),
        to.company(), to.address());
    message.writeTo(sink);
  }

  private record Recipient(String rowId, String messageKey, String name, String company, String address) {
  }

  /** Discards what is written, counting it. */
  private static final class CountingStream extends OutputStream {

    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
