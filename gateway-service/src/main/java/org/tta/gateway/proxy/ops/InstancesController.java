package org.tta.gateway.proxy.ops;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.tta.gateway.proxy.discovery.InstanceRegistry;
import reactor.core.publisher.Mono;

/**
 * Self-registration of backend instances (role {@code ops} or scope {@code instances:register}).
 * An instance PUTs itself every few seconds (the heartbeat) with its TTL and the status of its
 * declared dependencies; one that stops is dropped when its TTL runs out.
 */
@RestController
@Validated
@RequestMapping("/api/v1/ops/instances/{service}/{instanceId}")
class InstancesController {

    private static final String NAME = "[a-z0-9][a-z0-9._-]{0,62}";

    private final InstanceRegistry registry;

    InstancesController(InstanceRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param url          base URI of the instance
     * @param ttlSeconds   how long it stays without a new heartbeat (capped by {@code discovery.max-ttl})
     * @param dependencies status of each declared dependency, e.g. {@code {"postgres": "UP"}}
     */
    record Heartbeat(@NotNull URI url, @Min(1) @Max(3600) Integer ttlSeconds, Map<String, String> dependencies) {
    }

    @PutMapping
    Mono<Map<String, Object>> heartbeat(@PathVariable String service, @PathVariable String instanceId,
                                        @Valid @RequestBody Heartbeat heartbeat) {
        if (!service.matches(NAME) || !instanceId.matches(NAME)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "service and instance id are 1 to 63 of [a-z0-9._-]");
        }
        Duration ttl = heartbeat.ttlSeconds() == null ? null : Duration.ofSeconds(heartbeat.ttlSeconds());
        try {
            return registry.register(service, instanceId, heartbeat.url(), ttl, heartbeat.dependencies())
                    .map(r -> Map.of("service", service, "id", instanceId, "expiresAt", Instant.ofEpochMilli(r.expiresAt()).toString()));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "url must be an http(s) base URI without user info, query or fragment");
        }
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deregister(@PathVariable String service, @PathVariable String instanceId) {
        return registry.deregister(service, instanceId);
    }
}
