package org.tta.audit;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Stores the audit trail in PostgreSQL and serves it to reviewers. Its configuration file is {@code audit-sink.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuditSinkApplication {

    /** Name of the configuration file, so several services can share one classpath (standalone). */
    public static final String CONFIG_NAME = "audit-sink";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(AuditSinkApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
