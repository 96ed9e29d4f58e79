package org.tta.safety;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Classifies messages for crisis signals. Its configuration file is {@code safety-worker.yml}. */
@SpringBootApplication
public class SafetyWorkerApplication {

    /** Name of the configuration file, so several services can share one classpath (standalone). */
    public static final String CONFIG_NAME = "safety-worker";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(SafetyWorkerApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
