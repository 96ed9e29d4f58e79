package org.tta.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The alert rules and dashboards of deploy/, and the metric names their expressions use. */
final class Observability {

    static final Path RULES = Path.of("deploy/prometheus/rules");
    static final Path DASHBOARDS = Path.of("deploy/grafana/dashboards");

    /** Series Prometheus makes itself; no service exports them. */
    static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    /**
     * Metrics named in rules or dashboards that no service exports yet; each is specified in
     * docs/operations/metrics.md for the feature that will export it. ExportedMetricsIT fails as soon as one of them
     * is exported (then remove it here) and whenever a rule names a metric that is neither exported nor listed here.
     */
    static final Set<String> PENDING = Set.of();

    /**
     * Metrics the services register on their first event (a counter per tag value), so a freshly started service
     * does not export them yet: sample name to the Micrometer name, which must appear in a service's sources.
     */
    static final Map<String, String> ON_FIRST_EVENT = Map.of(
            "tta_gateway_ratelimit_rejected_total", "tta.gateway.ratelimit.rejected",
            "tta_gateway_ratelimit_shed_total", "tta.gateway.ratelimit.shed",
            "tta_router_dead_letters_total", "tta.router.dead.letters");

    private Observability() {
    }

    /** Alert name to expression, over every rule file. */
    static Map<String, String> alertExpressions() {
        Map<String, String> alerts = new LinkedHashMap<>();
        for (Path file : files(RULES, ".yml")) {
            for (Object group : Maps.list(Repo.yaml(file), "groups")) {
                for (Object rule : Maps.list(group, "rules")) {
                    alerts.put(Maps.string(rule, "alert"), Maps.string(rule, "expr"));
                }
            }
        }
        return alerts;
    }

    /** "dashboard title / panel title" to each expression of the panel. */
    static Map<String, List<String>> dashboardExpressions() {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, List<String>> panels = new LinkedHashMap<>();
        for (Path file : files(DASHBOARDS, ".json")) {
            JsonNode dashboard = json.readTree(Repo.read(file));
            for (JsonNode panel : dashboard.path("panels")) {
                List<String> expressions = new ArrayList<>();
                for (JsonNode target : panel.path("targets")) {
                    expressions.add(target.path("expr").asString());
                }
                panels.put(dashboard.path("title").asString() + " / " + panel.path("title").asString(), expressions);
            }
        }
        return panels;
    }

    /** Every metric name used by a rule or a dashboard panel. */
    static Set<String> usedMetrics() {
        Set<String> used = new TreeSet<>();
        alertExpressions().values().forEach(expr -> used.addAll(PromQl.metricNames(expr)));
        dashboardExpressions().values().forEach(exprs -> exprs.forEach(expr -> used.addAll(PromQl.metricNames(expr))));
        used.removeAll(PROMETHEUS_SERIES);
        return used;
    }

    static List<Path> files(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(Repo.root().resolve(directory))) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
