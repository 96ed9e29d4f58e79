package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * A route configured only through environment variables ({@code TTA_GATEWAY_PROXY_ROUTES_...}, Spring's
 * relaxed binding, dashed names without their dashes) serves. The variables come from a
 * {@link SystemEnvironmentPropertySource} the test adds, named as Boot names the process environment,
 * so they bind exactly as real ones would.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@ContextConfiguration(initializers = ProxyEnvironmentRoutesIT.EnvironmentVariables.class)
@AutoConfigureWebTestClient(timeout = "PT30S")
class ProxyEnvironmentRoutesIT {

    static final TestBackend STOCK = TestBackend.echo("stock");

    /** What {@code export TTA_GATEWAY_PROXY_ROUTES_INVENTORY_...=...} would put in the process environment. */
    static final class EnvironmentVariables implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> variables = Map.of(
                    "TTA_GATEWAY_PROXY_ROUTES_INVENTORY_PATHS_0", "/api/v1/inventory",
                    "TTA_GATEWAY_PROXY_ROUTES_INVENTORY_PATHS_1", "/api/v2/inventory",
                    "TTA_GATEWAY_PROXY_ROUTES_INVENTORY_INSTANCES_0", STOCK.url(),
                    "TTA_GATEWAY_PROXY_ROUTES_INVENTORY_REWRITEPREFIX", "/internal/stock",
                    "TTA_GATEWAY_PROXY_ROUTES_INVENTORY_TIMEOUT", "2s");
            context.getEnvironment().getPropertySources().addLast(new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
        }
    }

    @AfterAll
    static void stopBackend() {
        STOCK.close();
    }

    @Autowired
    WebTestClient http;

    @Test
    void servesARouteConfiguredOnlyByEnvironmentVariables() {
        for (String version : new String[] {"v1", "v2"}) {
            http.get().uri("/api/" + version + "/inventory/items/9?n=2").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aPatient("env"))
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.backend").isEqualTo("stock")
                    .jsonPath("$.uri").isEqualTo("/internal/stock/items/9?n=2");
        }
        assertThat(STOCK.received).hasSize(2);
    }
}
