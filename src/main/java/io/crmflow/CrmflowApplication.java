package io.crmflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CrmflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(CrmflowApplication.class, args);
  }
}
