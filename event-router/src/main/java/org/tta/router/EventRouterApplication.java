package org.tta.router;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Routes session events to subscribers. Its configuration file is {@code event-router.yml}. */
@SpringBootApplication
public class EventRouterApplication {

    /** Name of the configuration file, so several services can share one classpath (standalone). */
    public static final String CONFIG_NAME = "event-router";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(EventRouterApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
