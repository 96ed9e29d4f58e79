package org.tta.router.safety;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.tta.router.config.SafetyRouting;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyNotice;

import tools.jackson.databind.JsonNode;

/**
 * Builds the supportive notice for an escalation: one per escalation, when it first pages the on-call
 * clinicians. That is its opening on the page route, or the step that made a review escalation a page
 * ({@code previousRoute} review); a review escalation (the statistical signal's guess) sends none while
 * it is one (ADR 0006). The router reads only {@code escalationId}, {@code sessionId}, {@code step},
 * {@code route} and {@code previousRoute} of the escalation's data (the rest of its shape belongs to the
 * safety-worker). An event without {@code step} counts as an opening, one without {@code route} as a
 * page. The notice's id is derived from the escalation id, so a redelivered batch writes the same
 * notice id again and a reader can de-duplicate (the transaction already prevents duplicates).
 */
public final class SupportiveNotices {

    public static final URI SOURCE = URI.create("urn:tta:event-router");
    static final String OPENED = "opened";

    private final String text;
    private final List<SafetyNotice.Resource> resources;
    private final Clock clock;

    public SupportiveNotices(SafetyRouting config, Clock clock) {
        this.text = config.noticeText();
        this.resources = config.resources().stream().map(SupportiveNotices::resource).toList();
        this.clock = clock;
    }

    /**
     * The notice for this escalation event, or empty when it is not the escalation's first page (an update, a
     * re-escalation, an acknowledgement, or any step on the review route).
     */
    public Optional<CloudEvent> forEscalation(String sessionKey, CloudEvent escalation) {
        JsonNode data = escalation.getData() == null ? null : TtaJson.mapper().readTree(escalation.getData().toBytes());
        if (SafetyEscalation.ROUTE_REVIEW.equals(text(data, "route"))) {
            return Optional.empty();
        }
        String step = text(data, "step");
        boolean paged = SafetyEscalation.ROUTE_REVIEW.equals(text(data, "previousRoute"));
        if (step != null && !OPENED.equals(step) && !paged) {
            return Optional.empty();
        }
        String escalationId = Optional.ofNullable(text(data, "escalationId")).orElse(escalation.getId());
        String sessionId = Optional.ofNullable(text(data, "sessionId")).orElse(sessionKey);
        SafetyNotice notice = new SafetyNotice(escalationId, sessionId, text, resources);
        String id = UUID.nameUUIDFromBytes(("safety-notice:" + escalationId).getBytes(StandardCharsets.UTF_8)).toString();
        return Optional.of(TtaCloudEvents.create(id, EventTypes.SAFETY_NOTICE, SOURCE, sessionId,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), EventCodec.standard().encode(notice)));
    }

    private static String text(JsonNode data, String field) {
        return EscalationRoute.field(data, field);
    }

    // "name|contact|region", region optional.
    private static SafetyNotice.Resource resource(String spec) {
        String[] parts = spec.split("\\|", -1);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("tta.router.safety.resources entries are name|contact|region");
        }
        return new SafetyNotice.Resource(parts[0].trim(), parts[1].trim(), parts.length > 2 && !parts[2].isBlank()
                ? parts[2].trim() : null);
    }
}
