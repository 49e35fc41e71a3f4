package io.crmflow.tasklist;

import io.crmflow.web.PublicUrl;
import org.springframework.stereotype.Component;

/**
 * Links into Camunda Tasklist (and Cockpit): absolute for emails to staff ({@link PublicUrl}); as paths
 * for crmflow's own pages.
 */
@Component
public class TasklistLinks {

  private final PublicUrl publicUrl;

  TasklistLinks(PublicUrl publicUrl) {
    this.publicUrl = publicUrl;
  }

  public String task(String taskId) {
    return publicUrl.link(taskPath(taskId));
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
