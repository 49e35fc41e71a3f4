package io.crmflow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Camunda's REST API (/engine-rest) answers a task that someone else completed a moment earlier
 * with a 500 or a 403 — whatever the loser's command ran into: an optimistic-locking failure,
 * "cannot find task", an authorization check that no longer finds the task's candidate group, or
 * (having waited on the winner's row lock) a half-removed execution. Here it
 * becomes what it is: {@code 409 application/problem+json} when the task was changed concurrently
 * or has been completed, {@code 404} when no such task ever existed. Every other error keeps
 * Camunda's answer.
 *
 * <p>Camunda maps exceptions by type (RestException, which wraps what a task operation throws;
 * ProcessEngineException; anything else). One subclass per type, registered with a higher priority
 * than Camunda's, makes Jersey prefer these wherever {@link #isMappable} says so.
 */
abstract class EngineRestConflicts<E extends Throwable> implements ExtendedExceptionMapper<E> {

  static final String PROBLEM_JSON = "application/problem+json";
  private static final Logger log = LoggerFactory.getLogger(EngineRestConflicts.class);
  private static final String TYPE_BASE = "https://crmflow.example/problems/";
  private static final String TASK_NOT_FOUND = "Cannot find task";

  private final Supplier<ProcessEngine> engine;
  private final ObjectMapper objectMapper = new ObjectMapper();

  @Context
  private UriInfo uriInfo;

  EngineRestConflicts(Supplier<ProcessEngine> engine) {
    this.engine = engine;
  }

  static final class WrappedInRestException extends EngineRestConflicts<RestException> {
    WrappedInRestException(Supplier<ProcessEngine> engine) {
      super(engine);
    }
  }

  static final class FromTheEngine extends EngineRestConflicts<ProcessEngineException> {
    FromTheEngine(Supplier<ProcessEngine> engine) {
      super(engine);
    }
  }

  /** E.g. a delegate's insert refused by a unique constraint the winner satisfied a moment earlier. */
  static final class FromADelegate extends EngineRestConflicts<RuntimeException> {
    FromADelegate(Supplier<ProcessEngine> engine) {
      super(engine);
    }
  }

  @Override
  public boolean isMappable(E exception) {
    if (concurrentChange(exception)) {
      return true;
    }
    String taskId = taskOfRequest();
    return taskId != null && (taskNotFound(exception) || wasCompleted(taskId));
  }

  @Override
  public Response toResponse(E exception) {
    if (concurrentChange(exception)) {
      log.info("/engine-rest {}: changed concurrently by another request; answering 409", path());
      return problem(409, "conflict", "Conflict",
          "Someone else changed this at the same moment; reload and try again");
    }
    String taskId = taskOfRequest();
    if (wasCompleted(taskId)) {
      // whatever this request ran into, the task it wanted to act on was completed by someone else
      log.info("/engine-rest {}: task {} was already completed ({}); answering 409", path(), taskId, exception.toString());
      return problem(409, "task-already-completed", "Task already completed",
          "Task " + taskId + " has already been completed");
    }
    return problem(404, "not-found", "Not found", "No task with id " + taskId);
  }

  /**
   * The engine's optimistic lock, or the database refusing the loser's row (e.g. the one
   * opportunity per lead) because the winner inserted it a moment earlier.
   */
  private static boolean concurrentChange(Throwable exception) {
    return cause(exception, OptimisticLockingException.class) != null
        || cause(exception, ConcurrencyFailureException.class) != null
        || cause(exception, DuplicateKeyException.class) != null;
  }

  /** The engine said it cannot find the task. */
  private static boolean taskNotFound(Throwable exception) {
    NullValueException missing = cause(exception, NullValueException.class);
    return missing != null && missing.getMessage() != null && missing.getMessage().contains(TASK_NOT_FOUND);
  }

  /** The task id when the request is about one task (/engine-rest/task/{id}/…); else null. */
  private String taskOfRequest() {
    if (uriInfo == null || !uriInfo.getPath().startsWith("task/")) {
      return null;
    }
    return uriInfo.getPathParameters().getFirst("id");
  }

  /**
   * Asked without the caller's authorizations: a salesperson may work on tasks without reading
   * history, and the answer reveals no more than that the task they named is done.
   */
  private boolean wasCompleted(String taskId) {
    ProcessEngine processEngine = engine.get();
    Authentication caller = processEngine.getIdentityService().getCurrentAuthentication();
    processEngine.getIdentityService().clearAuthentication();
    try {
      return processEngine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0;
    } finally {
      if (caller != null) {
        processEngine.getIdentityService().setAuthentication(caller);
      }
    }
  }

  private String path() {
    return uriInfo == null ? "" : uriInfo.getPath();
  }

  private Response problem(int status, String type, String title, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", TYPE_BASE + type);
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    try {
      return Response.status(status).type(PROBLEM_JSON).entity(objectMapper.writeValueAsString(problem)).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T extends Throwable> T cause(Throwable exception, Class<T> type) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
