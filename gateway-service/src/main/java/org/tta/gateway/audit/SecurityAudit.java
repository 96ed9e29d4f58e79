package org.tta.gateway.audit;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.publish.EventPublisher;
import org.tta.gateway.ratelimit.BlockListener;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.gateway.web.TracedLog;
import reactor.core.publisher.Mono;

/**
 * The gateway's security events in the audit trail, for the compliance report: failed authentications
 * ({@code auth.failed}) and addresses put on the block list ({@code security.client.blocked}). They concern no
 * session, so they share the pseudo-session {@link #STREAM}, which keeps them in one ordered, chained stream.
 * Never fails: the caller is refused either way; a record that could not be written is logged (no token, no body)
 * and counted as {@code tta.gateway.security.audit.failures}.
 */
@Component
public class SecurityAudit implements BlockListener {

    /** The pseudo-session of the gateway's security events. */
    public static final String STREAM = "security.gateway";
    static final String ANONYMOUS = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(SecurityAudit.class);

    private final EventPublisher publisher;
    private final TopicCatalog topics;
    private final URI source;
    private final MeterRegistry meters;

    SecurityAudit(EventPublisher publisher, TopicCatalog topics, IngestProperties ingest, MeterRegistry meters) {
        this.publisher = publisher;
        this.topics = topics;
        this.source = ingest.source();
        this.meters = meters;
    }

    /** A request without a valid token; {@code resource} is the request path. */
    public Mono<Void> authenticationFailed(String clientIp, String method, String path) {
        return publish(AuditActions.AUTH_FAILED, clientIp, "http.request", describe(method, path));
    }

    @Override
    public Mono<Void> blocked(String address, String policy) {
        return publish(AuditActions.CLIENT_BLOCKED, address, "client.address", policy);
    }

    private Mono<Void> publish(String action, String clientIp, String resourceType, String resourceId) {
        AuditRecord audit = new AuditRecord(action, AuditOutcomes.DENIED, ANONYMOUS, null, STREAM, resourceType,
                resourceId, AuditEvents.SERVICE_NAME, Instant.now(), clientIp, null, null);
        return Mono.defer(() -> {
            ProducerRecord<String, io.cloudevents.CloudEvent> record = TtaCloudEvents.toRecord(
                    topics.name(TopicId.AUDIT_RECORDS), STREAM,
                    AuditEvents.of(source, audit, audit.occurredAt().atOffset(ZoneOffset.UTC)));
            return publisher.publishAll(List.of(record)).then();
        }).onErrorResume(error -> {
            meters.counter("tta.gateway.security.audit.failures", "action", action).increment();
            return TracedLog.line(() -> log.warn("Could not audit a security event: action={} cause={}", action,
                    error.getClass().getName()));
        });
    }

    /** "GET /api/v1/x" within the id rule of the schema (printable ASCII, no spaces, at most 128 characters). */
    static String describe(String method, String path) {
        StringBuilder id = new StringBuilder(method == null ? "?" : method).append(':');
        String raw = path == null ? "" : path;
        for (int i = 0; i < raw.length() && id.length() < 128; i++) {
            char c = raw.charAt(i);
            id.append(c > 0x20 && c < 0x7F ? c : '_');
        }
        return id.toString();
    }
}
