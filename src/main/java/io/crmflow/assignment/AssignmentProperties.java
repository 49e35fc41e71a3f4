package io.crmflow.assignment;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.assignment.*
 *
 * @param maxOpenReviews open lead reviews a salesperson holds before the rotation passes them by
 */
@Validated
@ConfigurationProperties("crmflow.assignment")
public record AssignmentProperties(@DefaultValue("20") @Min(1) int maxOpenReviews) {
}
