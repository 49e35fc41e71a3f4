package io.crmflow.tasklist;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links into Camunda Tasklist (and Cockpit): absolute for emails to staff, where {@code crmflow.public-url} is where
 * users reach the app; as paths for crmflow's own pages.
 */
@Component
public class TasklistLinks {

  private final String publicUrl;

  TasklistLinks(@Value("${crmflow.public-url:http://localhost:8080}") String publicUrl) {
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  public String task(String taskId) {
    return publicUrl + taskPath(taskId);
  }

  /** The task in Tasklist as a path on crmflow's own host, for its pages (the context path not included). */
  public static String taskPath(String taskId) {
    return "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /**
   * The process instance in Cockpit as a path on crmflow's own host; for running instances only, as Cockpit
   * shows no others.
   */
  public static String processInstancePath(String processInstanceId) {
    return "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
  }
}
