package io.crmflow.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine refuses Java-serialized variables and XML with a DOCTYPE (XXE), but its REST API
 * answers both as 500, as if the server had failed. They are the caller's fault: this turns them
 * into 400 with the engine's message, so a client sees clearly what it must not send.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestRefusals {

  private static final Pattern REFUSED_INPUT = Pattern.compile(
      "Java serialization format is prohibited|DOCTYPE is disallowed|not allowed in crmflow");

  @Bean
  ResourceConfigCustomizer engineRestRefusalStatus() {
    return config -> config.register(RefusedInputIsBadRequest.class);
  }

  static final class RefusedInputIsBadRequest implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getStatus() == 500 && response.getEntity() instanceof ExceptionDto error
          && error.getMessage() != null && REFUSED_INPUT.matcher(error.getMessage()).find()) {
        response.setStatus(400);
        error.setType("InvalidRequestException");
      }
    }
  }
}
