package io.crmflow.supportcase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class PaymentGatewayConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PaymentGatewayConfiguration.class);

  @Bean
  PaymentGateway paymentGateway(PaymentGatewayProperties properties, RestClient.Builder restClientBuilder) {
    if (properties.baseUrl() == null || properties.baseUrl().isBlank()) {
      log.warn("crmflow.payment-gateway.base-url is not set: refunds will wait as incidents until it is");
    } else {
      log.info("Refunds are paid through {}", properties.baseUrl());
    }
    return new HttpPaymentGateway(properties, restClientBuilder);
  }
}
