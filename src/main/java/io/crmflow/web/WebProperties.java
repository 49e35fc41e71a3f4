package io.crmflow.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * crmflow.web.*
 *
 * @param clientAddressHeader behind a reverse proxy, the header it puts the client address in (e.g.
 *                            {@code X-Forwarded-For}); unset, no header is trusted (CRMFLOW_CLIENT_ADDRESS_HEADER)
 */
@ConfigurationProperties("crmflow.web")
public record WebProperties(String clientAddressHeader) {
}
