package io.crmflow.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request came from, for per-client limits. Directly reachable, that is the TCP peer.
 * Behind a reverse proxy, operators name the header their proxy sets ({@code crmflow.web.client-address-header},
 * e.g. {@code X-Forwarded-For}); its last entry is the address the proxy itself saw — earlier entries
 * are whatever the client claimed and are ignored. Without that setting no header is trusted.
 */
@Component
public class ClientAddresses {

  private final String header;

  ClientAddresses(WebProperties properties) {
    String header = properties.clientAddressHeader();
    this.header = header == null || header.isBlank() ? null : header.strip();
  }

  public String of(HttpServletRequest request) {
    String forwarded = header == null ? null : request.getHeader(header);
    if (forwarded == null || forwarded.isBlank()) {
      return request.getRemoteAddr();
    }
    String[] hops = forwarded.split(",");
    return hops[hops.length - 1].strip();
  }
}
