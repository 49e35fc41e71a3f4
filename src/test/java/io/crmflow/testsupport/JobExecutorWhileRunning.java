package io.crmflow.testsupport;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The job executor of a cached test context runs only while a test class using it runs: otherwise
 * it would go on taking jobs from the shared PostgreSQL database as an uninvited third node of
 * later tests' clusters.
 */
class JobExecutorWhileRunning implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    JobExecutor jobExecutor = jobExecutor(context);
    if (!jobExecutor.isActive()) {
      jobExecutor.start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    jobExecutor(context).shutdown();
  }

  private static JobExecutor jobExecutor(ExtensionContext context) {
    ProcessEngine engine = SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
  }
}
