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
import org.tta.schemas.payload.SafetyNotice;

import tools.jackson.databind.JsonNode;

/**
 * Builds the supportive notice for an escalation: one per escalation, when it opens. The router
 * reads only {@code escalationId}, {@code sessionId} and {@code step} of the escalation's data
 * (the rest of its shape belongs to the safety-worker). An event without {@code step} counts as
 * an opening. The notice's id is derived from the escalation id, so a redelivered batch writes the
 * same notice id again and a reader can de-duplicate (the transaction already prevents duplicates).
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

    /** The notice for this escalation event, or empty when it is an update of an open escalation. */
    public Optional<CloudEvent> forEscalation(String sessionKey, CloudEvent escalation) {
        JsonNode data = escalation.getData() == null ? null : TtaJson.mapper().readTree(escalation.getData().toBytes());
        String step = text(data, "step");
        if (step != null && !OPENED.equals(step)) {
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
        if (data == null || !data.isObject()) {
            return null;
        }
        JsonNode value = data.get(field);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString();
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
