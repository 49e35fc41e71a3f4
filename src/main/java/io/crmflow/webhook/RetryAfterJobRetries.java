package io.crmflow.webhook;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Honours an endpoint's {@code Retry-After}: a webhook step's failed job is retried as its retry cycle says,
 * but not before the endpoint asked (at most {@code crmflow.webhooks.max-retry-after} later). Every other
 * failure is left to the engine's own handling.
 */
@Component
class RetryAfterJobRetries extends AbstractProcessEnginePlugin {

  private final Duration maxRetryAfter;

  RetryAfterJobRetries(WebhookProperties properties) {
    this.maxRetryAfter = properties.maxRetryAfter();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory defaults = configuration.getFailedJobCommandFactory() != null
        ? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, failure) -> {
      Command<Object> retry = defaults.getCommand(jobId, failure);
      Duration wait = WebhookFailure.in(failure).flatMap(WebhookFailure::retryAfter).orElse(null);
      if (wait == null) {
        return retry;
      }
      return commandContext -> {
        Object result = retry.execute(commandContext);
        JobEntity job = commandContext.getJobManager().findJobById(jobId);
        if (job != null && job.getRetries() > 0) {
          Date earliest = new Date(ClockUtil.getCurrentTime().getTime() + min(wait, maxRetryAfter).toMillis());
          if (job.getDuedate() == null || job.getDuedate().before(earliest)) {
            job.setDuedate(earliest);
          }
        }
        return result;
      };
    });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
