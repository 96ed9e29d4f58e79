package org.tta.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks above are only as good as these: a misspelt variable or metric must be caught. */
class ServiceConfigTest {

    @Test
    void bindsVariablesOfTheServiceFileOfSpringBootAndOfTtaPropertiesButNotMisspeltOnes() {
        ServiceConfig gateway = ServiceConfig.all().get("gateway-service");

        assertThat(gateway.binds("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(gateway.binds("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).isTrue();
        assertThat(gateway.binds("SPRING_KAFKA_PROPERTIES_LINGER_MS")).isTrue();
        assertThat(gateway.binds("TTA_KAFKA_PARTITIONS")).isTrue();
        assertThat(gateway.binds("TTA_OPS_LAG_DISCOVER_PATTERN")).isTrue();

        assertThat(gateway.binds("SPRING_KAFKA_BOOTSTRAP_SERVER")).isFalse();
        assertThat(gateway.binds("MANAGEMENT_OTLP_TRACING_ENDPOINT")).as("renamed in Spring Boot 4").isFalse();
        assertThat(gateway.binds("TTA_KAFKA_PARTITION")).isFalse();
        assertThat(gateway.binds("TTA_OPS_LAG_GROUP")).isFalse();
        assertThat(gateway.binds("SPRING_DATASOURCE_URLS")).isFalse();
    }

    @Test
    void resolvesTheGroupIdPlaceholderToItsDefault() {
        assertThat(ServiceConfig.all().get("audit-sink").groupId()).isEqualTo("audit-sink");
        assertThat(ServiceConfig.all().get("event-router").groupId()).isEqualTo("event-router");
    }

    @Test
    void findsMetricNamesInPromQlButNotFunctionsLabelsOrDurations() {
        assertThat(PromQl.metricNames(
                "sum by (service) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
                        + " / sum by (service) (rate(http_server_requests_seconds_count[5m])) > 0.05"))
                .isEqualTo(Set.of("http_server_requests_seconds_count"));
        assertThat(PromQl.metricNames("max by (group) (tta_consumer_group_status) >= 2 and on (group) up == 1"))
                .containsExactlyInAnyOrder("tta_consumer_group_status", "up");
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(x_bucket[1m]))) offset 5m"))
                .containsExactly("x_bucket");
    }
}
