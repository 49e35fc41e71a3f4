package io.crmflow.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.retention.*: how long crmflow keeps its own logs. Camunda's history has its own time to live
 * ({@code historyTimeToLive} per process, removed by the engine's history cleanup).
 *
 * @param idempotentRequests answers remembered for repeated {@code Idempotency-Key}s; a client retrying
 *                           later than this runs its request again
 * @param messages           the message log (a message still deferred is kept until it is sent)
 * @param audit              the audit trail
 * @param inbound            provider events received (a repeat older than this would be handled again; providers
 *                           retry within hours) and the texts kept because no record took them
 * @param cron               when the day's clean-up runs (Spring cron, seconds first)
 * @param batchSize          rows deleted per statement, so no delete holds locks for long
 */
@ConfigurationProperties("crmflow.retention")
public record RetentionProperties(
    @DefaultValue("P7D") Duration idempotentRequests,
    @DefaultValue("P400D") Duration messages,
    @DefaultValue("P730D") Duration audit,
    @DefaultValue("P90D") Duration inbound,
    @DefaultValue("0 30 3 * * *") String cron,
    @DefaultValue("5000") int batchSize) {
}
