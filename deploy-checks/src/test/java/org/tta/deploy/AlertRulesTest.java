package org.tta.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/prometheus and deploy/grafana: structure, coverage of what operators must be told, scrape targets. */
class AlertRulesTest {

    @Test
    void everyRuleHasAnExpressionADurationASeverityAndASummary() {
        for (var file : Observability.files(Observability.RULES, ".yml")) {
            for (Object group : Maps.list(Repo.yaml(file), "groups")) {
                for (Object rule : Maps.list(group, "rules")) {
                    String name = Maps.string(rule, "alert");
                    assertThat(name).as("alert name in %s", file).matches("Tta[A-Za-z]+");
                    assertThat(Maps.string(rule, "expr")).as(name).isNotBlank();
                    assertThat(Maps.string(rule, "for")).as(name).matches("\\d+[smh]");
                    assertThat(Maps.string(rule, "labels", "severity")).as(name).isIn("warning", "critical");
                    assertThat(Maps.string(rule, "annotations", "summary")).as(name).isNotBlank();
                    assertThat(PromQl.metricNames(Maps.string(rule, "expr"))).as("metrics of %s", name).isNotEmpty();
                }
            }
        }
    }

    @Test
    void alertsOnLagForFiveMinutesOverdueEscalationsDeadLettersErrorsAndOpenBreakers() {
        Map<String, String> alerts = Observability.alertExpressions();
        assertThat(alerts).containsKeys("TtaConsumerLagHigh", "TtaEscalationOverdue", "TtaDeadLettersGrowing",
                "TtaHttpErrorRate", "TtaCircuitBreakerOpen");
        assertThat(PromQl.metricNames(alerts.get("TtaConsumerLagHigh"))).containsExactly("tta_consumer_lag_seconds");
        assertThat(ruleField("TtaConsumerLagHigh", "for")).isEqualTo("5m");
        assertThat(PromQl.metricNames(alerts.get("TtaCircuitBreakerOpen"))).containsExactly("resilience4j_circuitbreaker_state");
        assertThat(PromQl.metricNames(alerts.get("TtaHttpErrorRate"))).containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void scrapesEveryServiceOnItsPortAndPathAndLoadsTheRules() {
        Map<String, Object> prometheus = Repo.yaml(Repo.file("deploy/prometheus/prometheus.yml"));
        assertThat(Maps.list(prometheus, "rule_files")).containsExactly("/etc/prometheus/rules/*.yml");
        Object job = Maps.list(prometheus, "scrape_configs").stream()
                .filter(c -> "tta".equals(Maps.string(c, "job_name"))).findFirst().orElseThrow();
        assertThat(Maps.string(job, "metrics_path")).isEqualTo("/actuator/prometheus");
        List<String> targets = Maps.list(job, "static_configs").stream()
                .flatMap(c -> Maps.list(c, "targets").stream()).map(Object::toString).toList();
        assertThat(targets).containsExactlyInAnyOrderElementsOf(ServiceConfig.all().values().stream()
                .map(c -> c.name() + ":" + c.port()).toList());
        assertThat(ServiceConfig.all().values()).allSatisfy(c -> assertThat(String.valueOf(
                c.properties().get("management.endpoints.web.exposure.include"))).contains("prometheus"));
    }

    @Test
    void dashboardsHaveQueriesOnTheProvisionedDatasource() {
        var panels = Observability.dashboardExpressions();
        assertThat(panels).isNotEmpty();
        panels.forEach((panel, expressions) -> assertThat(expressions).as(panel).isNotEmpty()
                .allSatisfy(expr -> assertThat(PromQl.metricNames(expr)).as(panel).isNotEmpty()));
        String datasources = Repo.read(Repo.file("deploy/grafana/provisioning/datasources/prometheus.yml"));
        for (var file : Observability.files(Observability.DASHBOARDS, ".json")) {
            assertThat(Repo.read(file)).contains("\"uid\": \"tta-prometheus\"");
        }
        assertThat(datasources).contains("uid: tta-prometheus");
    }

    private static String ruleField(String alert, String field) {
        for (var file : Observability.files(Observability.RULES, ".yml")) {
            for (Object group : Maps.list(Repo.yaml(file), "groups")) {
                for (Object rule : Maps.list(group, "rules")) {
                    if (alert.equals(Maps.string(rule, "alert"))) {
                        return Maps.string(rule, field);
                    }
                }
            }
        }
        throw new AssertionError("no alert " + alert);
    }
}
