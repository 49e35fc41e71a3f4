package io.crmflow.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.api.*
 *
 * @param maxBodyBytes   the largest request body {@code /api} reads; larger ones get 413
 * @param maxImportBytes the largest file {@code POST /api/contacts/import} reads
 */
@Validated
@ConfigurationProperties("crmflow.api")
public record ApiLimits(@DefaultValue("65536") @Min(1) long maxBodyBytes,
    @DefaultValue("10485760") @Min(1) long maxImportBytes) {
}
