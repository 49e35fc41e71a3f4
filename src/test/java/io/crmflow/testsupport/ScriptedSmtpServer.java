package io.crmflow.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, real SMTP server (RFC 5321, enough for Jakarta Mail / Angus) whose answers to
 * {@code RCPT TO} are scripted per recipient, to drive the mail layer into permanent (5xx) and
 * transient (4xx) failures. Binds to 127.0.0.1, one thread per connection.
 *
 * <p>{@code script("gone@example.org", "550 5.1.1 mailbox unavailable")} answers every RCPT for
 * that address with 550; {@code script("busy@example.org", "451 4.3.0 try again later", "250 OK")}
 * answers the first with 451 and every later one with 250 (the last reply repeats). Unscripted
 * recipients get {@code 250 OK}. Every message accepted after DATA is recorded ({@link #received()}),
 * as is every address given in a RCPT command ({@link #rcptLog()}).
 */
public final class ScriptedSmtpServer {

  /** A fixed port for a Spring context that has to know it before the server starts: next to GreenMail's. */
  public static final int FIXED_PORT = TestSmtp.PORT + 1;

  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_MESSAGE = 32 * 1024 * 1024;

  /** One message accepted by the server: envelope sender, accepted envelope recipients, raw content. */
  public record Received(String from, List<String> recipients, String raw) {

    public Received {
      recipients = List.copyOf(recipients);
    }

    /** The header block of the message (up to the first empty line), unfolded lines kept as they came. */
    public String headerBlock() {
      int end = raw.indexOf("\r\n\r\n");
      return end < 0 ? raw : raw.substring(0, end);
    }
  }

  private final int requestedPort;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> rcptLog = new CopyOnWriteArrayList<>();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threadCount = new AtomicInteger();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean dropAfterNextData = new java.util.concurrent.atomic.AtomicBoolean();

  private volatile ServerSocket serverSocket;
  private volatile ExecutorService workers;
  private volatile Thread acceptor;

  /** A server on a free port (see {@link #port()} after {@link #start()}). */
  public ScriptedSmtpServer() {
    this(0);
  }

  /** A server on the given port; 0 picks a free one. */
  public ScriptedSmtpServer(int port) {
    this.requestedPort = port;
  }

  public synchronized ScriptedSmtpServer start() {
    if (serverSocket != null) {
      throw new IllegalStateException("Already started on port " + serverSocket.getLocalPort());
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), requestedPort), 50);
      serverSocket = socket;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot bind the scripted SMTP server to 127.0.0.1:" + requestedPort, e);
    }
    workers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "scripted-smtp-" + threadCount.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    ServerSocket socket = serverSocket;
    ExecutorService pool = workers;
    acceptor = new Thread(() -> acceptLoop(socket, pool), "scripted-smtp-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  public synchronized void stop() {
    ServerSocket socket = serverSocket;
    if (socket == null) {
      return;
    }
    serverSocket = null;
    closeQuietly(socket);
    for (Socket connection : connections) {
      closeQuietly(connection);
    }
    connections.clear();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers = null;
    acceptor = null;
  }

  public int port() {
    ServerSocket socket = serverSocket;
    if (socket == null) {
      throw new IllegalStateException("Not started");
    }
    return socket.getLocalPort();
  }

  /**
   * Scripts the replies to RCPT TO for one address (case-insensitive): each RCPT consumes the
   * next reply, the last one repeats. Replaces an earlier script for the address.
   */
  public void script(String recipientAddress, String... rcptReplies) {
    if (rcptReplies.length == 0) {
      throw new IllegalArgumentException("At least one reply");
    }
    for (String reply : rcptReplies) {
      if (reply == null || !reply.matches("[2-5][0-9][0-9]( .*)?")) {
        throw new IllegalArgumentException("Not an SMTP reply: " + reply);
      }
    }
    scripts.put(normalize(recipientAddress), new Script(Arrays.asList(rcptReplies)));
  }

  /** Every message accepted (DATA answered 250), oldest first. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The messages accepted for one envelope recipient (case-insensitive). */
  public List<Received> receivedFor(String address) {
    String wanted = normalize(address);
    return received.stream().filter(r -> r.recipients().stream().anyMatch(a -> normalize(a).equals(wanted))).toList();
  }

  /** Every address given in a RCPT TO command, accepted or not, in order. */
  public List<String> rcptLog() {
    return List.copyOf(rcptLog);
  }

  /** How many RCPT TO commands named this address (case-insensitive). */
  public long rcptCount(String address) {
    String wanted = normalize(address);
    return rcptLog.stream().filter(a -> normalize(a).equals(wanted)).count();
  }

  /** How many SMTP connections the server accepted since it was created. */
  public int connectionCount() {
    return connectionCount.get();
  }

  /** Closes every open client connection without a reply (as a server dropping idle connections does). */
  public void dropConnections() {
    for (Socket connection : connections) {
      closeQuietly(connection);
    }
  }

  /**
   * The next message is accepted (recorded as received) but the connection is then closed without the
   * 250 reply: the client cannot know whether the message was taken.
   */
  public void dropConnectionAfterNextData() {
    dropAfterNextData.set(true);
  }

  /** Forgets scripts, received messages and the RCPT log. */
  public void reset() {
    dropAfterNextData.set(false);
    scripts.clear();
    received.clear();
    rcptLog.clear();
  }

  private String rcptReply(String address) {
    Script script = scripts.get(normalize(address));
    return script == null ? "250 OK" : script.next();
  }

  private void acceptLoop(ServerSocket socket, ExecutorService pool) {
    while (!socket.isClosed()) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        return; // closed by stop()
      }
      connections.add(connection);
      connectionCount.incrementAndGet();
      try {
        pool.execute(() -> {
          try {
            new Session(connection).run();
          } finally {
            connections.remove(connection);
            closeQuietly(connection);
          }
        });
      } catch (RuntimeException rejected) {
        connections.remove(connection);
        closeQuietly(connection);
      }
    }
  }

  private static String normalize(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** The replies scripted for one address; the last one repeats. */
  private static final class Script {

    private final List<String> replies;
    private int next;

    Script(List<String> replies) {
      this.replies = List.copyOf(replies);
    }

    synchronized String next() {
      String reply = replies.get(Math.min(next, replies.size() - 1));
      next++;
      return reply;
    }
  }

  /** One SMTP conversation. */
  private final class Session {

    private final Socket socket;
    private InputStream in;
    private OutputStream out;
    private String from;
    private final List<String> recipients = new ArrayList<>();
    private boolean greeted;

    Session(Socket socket) {
      this.socket = socket;
    }

    void run() {
      try {
        socket.setSoTimeout(60_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        reply("220 localhost ESMTP scripted test server");
        String line;
        while ((line = readLine()) != null) {
          if (!handle(line)) {
            return;
          }
        }
      } catch (SocketException | java.net.SocketTimeoutException closed) {
        // client went away or server stopped
      } catch (IOException e) {
        // a broken conversation ends the session; the client sees the failure
      }
    }

    /** @return false when the session ends */
    private boolean handle(String line) throws IOException {
      String upper = line.toUpperCase(Locale.ROOT);
      String verb = upper.length() >= 4 ? upper.substring(0, 4) : upper;
      switch (verb) {
        case "EHLO" -> {
          resetTransaction();
          greeted = true;
          reply("250-localhost greets " + argument(line, 4),
              "250-8BITMIME",
              "250-SMTPUTF8",
              "250-PIPELINING",
              "250-ENHANCEDSTATUSCODES",
              "250-SIZE " + MAX_MESSAGE,
              "250 HELP");
        }
        case "HELO" -> {
          resetTransaction();
          greeted = true;
          reply("250 localhost");
        }
        case "MAIL" -> {
          if (!upper.startsWith("MAIL FROM:")) {
            reply("501 5.5.4 Syntax: MAIL FROM:<address>");
          } else if (!greeted) {
            reply("503 5.5.1 EHLO/HELO first");
          } else if (from != null) {
            reply("503 5.5.1 Nested MAIL command");
          } else {
            String address = path(line.substring("MAIL FROM:".length()));
            if (address == null) {
              reply("501 5.1.7 Bad sender address syntax");
            } else {
              from = address;
              reply("250 2.1.0 OK");
            }
          }
        }
        case "RCPT" -> {
          if (!upper.startsWith("RCPT TO:")) {
            reply("501 5.5.4 Syntax: RCPT TO:<address>");
          } else if (from == null) {
            reply("503 5.5.1 MAIL first");
          } else {
            String address = path(line.substring("RCPT TO:".length()));
            if (address == null || address.isEmpty()) {
              reply("501 5.1.3 Bad recipient address syntax");
            } else {
              rcptLog.add(address);
              String answer = rcptReply(address);
              if (answer.startsWith("2")) {
                recipients.add(address);
              }
              reply(answer);
            }
          }
        }
        case "DATA" -> {
          if (from == null) {
            reply("503 5.5.1 MAIL first");
          } else if (recipients.isEmpty()) {
            reply("554 5.5.1 No valid recipients");
          } else {
            reply("354 End data with <CR><LF>.<CR><LF>");
            String raw = readData();
            if (raw == null) {
              return false;
            }
            received.add(new Received(from, recipients, raw));
            resetTransaction();
            if (dropAfterNextData.compareAndSet(true, false)) {
              return false;
            }
            reply("250 2.0.0 OK queued");
          }
        }
        case "RSET" -> {
          resetTransaction();
          reply("250 2.0.0 OK");
        }
        case "NOOP" -> reply("250 2.0.0 OK");
        case "QUIT" -> {
          reply("221 2.0.0 Bye");
          return false;
        }
        case "VRFY" -> reply("252 2.5.2 Cannot VRFY user");
        default -> reply("502 5.5.2 Command not recognized");
      }
      return true;
    }

    private void resetTransaction() {
      from = null;
      recipients.clear();
    }

    /** The message up to the terminating "." line, dot-stuffing undone, lines joined with CRLF. */
    private String readData() throws IOException {
      StringBuilder message = new StringBuilder();
      String line;
      while ((line = readLine()) != null) {
        if (line.equals(".")) {
          return message.toString();
        }
        if (line.startsWith(".")) {
          line = line.substring(1);
        }
        if (message.length() + line.length() > MAX_MESSAGE) {
          throw new IOException("Message too large");
        }
        message.append(line).append("\r\n");
      }
      return null;
    }

    /** One line without its CRLF (a bare LF ends a line too), decoded as UTF-8; null at end of stream. */
    private String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(128);
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          byte[] bytes = line.toByteArray();
          int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        line.write(b);
        if (line.size() > MAX_LINE) {
          throw new IOException("Line too long");
        }
      }
      return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    private void reply(String... lines) throws IOException {
      StringBuilder text = new StringBuilder();
      for (String l : lines) {
        text.append(l).append("\r\n");
      }
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    private static String argument(String line, int verbLength) {
      return line.length() > verbLength ? line.substring(verbLength).strip() : "";
    }

    /** The address in "&lt;address&gt; [parameters]" (or a bare address); null if malformed. */
    private static String path(String rest) {
      String value = rest.strip();
      if (value.startsWith("<")) {
        int end = value.indexOf('>');
        if (end < 0) {
          return null;
        }
        String address = value.substring(1, end);
        int route = address.indexOf(':'); // source route "@a,@b:user@host"
        if (address.startsWith("@") && route >= 0) {
          address = address.substring(route + 1);
        }
        return address;
      }
      int space = value.indexOf(' ');
      return space < 0 ? value : value.substring(0, space);
    }
  }
}
