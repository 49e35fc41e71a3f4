package io.crmflow.workflow;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Links into Camunda Tasklist for emails to staff; {@code crmflow.public-url} is where users reach the app. */
@Component
public class TasklistLinks {

  private final String publicUrl;

  TasklistLinks(@Value("${crmflow.public-url:http://localhost:8080}") String publicUrl) {
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  public String task(String taskId) {
    return publicUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }
}
