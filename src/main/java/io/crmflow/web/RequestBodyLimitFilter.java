package io.crmflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code crmflow.api.max-body-bytes} (64 KiB) with 413, whether
 * announced by Content-Length or streamed in chunks, before anything is parsed or stored. Imports
 * ({@code POST /api/…/import}, a file) and inbound emails ({@code POST /api/inbound/email/mailgun}, which carry
 * their attachments) may be up to {@code crmflow.api.max-import-bytes} (10 MiB).
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {

  private static final String INBOUND_EMAIL = "/api/inbound/email/mailgun";

  private final long maxBytes;
  private final long maxImportBytes;
  private final ObjectMapper objectMapper;

  RequestBodyLimitFilter(ApiLimits limits, ObjectMapper objectMapper) {
    this.maxBytes = limits.maxBodyBytes();
    this.maxImportBytes = limits.maxImportBytes();
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    long limit = path.endsWith("/import") || path.equals(INBOUND_EMAIL) ? maxImportBytes : maxBytes;
    if (request.getContentLengthLong() > limit) {
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      objectMapper.writeValue(response.getOutputStream(), bodyTooLarge(limit));
      return;
    }
    request.setAttribute(LIMIT_ATTRIBUTE, limit);
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  /** The request's limit, for the answer when a streamed body turns out too large. */
  static final String LIMIT_ATTRIBUTE = RequestBodyLimitFilter.class.getName() + ".limit";

  static ProblemDetail bodyTooLarge(long limit) {
    String size = limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MiB"
        : limit % 1024 == 0 ? limit / 1024 + " KiB" : limit + " bytes";
    return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
        "The request body exceeds the limit of " + size);
  }

  static boolean isBodyTooLarge(HttpMessageNotReadableException ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("Request body too large");
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long maxBytes;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream delegate;
    private final long maxBytes;
    private long read;

    LimitedInputStream(ServletInputStream delegate, long maxBytes) {
      this.delegate = delegate;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = delegate.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = delegate.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException();
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
