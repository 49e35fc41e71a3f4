/**
 * To-dos people add to a record: {@code POST /api/{leads|opportunities|quotes|cases}/{id}/tasks} starts
 * bpmn/record-task.bpmn, whose "To do" task is worked in Tasklist and listed on the record's page. The title
 * is free text and stays in crmflow's table; the engine holds who, by when and which kind of record. Each
 * record module declares its record as a {@link io.crmflow.recordtask.TaskableRecord} bean.
 */
@ApplicationModule(allowedDependencies = {"contact", "audit", "process", "tasklist", "security", "web", "shared"})
package io.crmflow.recordtask;

import org.springframework.modulith.ApplicationModule;
