package org.tta.audit.store;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the store writes.
 *
 * @param writerRole the PostgreSQL role each ingest transaction switches to ({@code SET LOCAL ROLE}): it may
 *                   insert and select audit rows but never update or delete them; empty to stay the login role
 */
@Validated
@ConfigurationProperties("tta.audit.store")
public record StoreProperties(
        @DefaultValue("tta_audit_writer") @Pattern(regexp = "^$|^[a-z_][a-z0-9_]{0,62}$") String writerRole) {
}
