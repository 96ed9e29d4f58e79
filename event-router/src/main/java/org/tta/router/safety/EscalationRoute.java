package org.tta.router.safety;

import io.cloudevents.CloudEvent;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.payload.SafetyEscalation;

import tools.jackson.databind.JsonNode;

/**
 * The route of an escalation step, read from its data: {@code review} (a raise of the safety-worker's statistical
 * signal alone, for the clinical review queue) or {@code page} (the on-call clinicians). Anything else (no
 * {@code route}, as on steps written before routes existed, an unknown value, unreadable data) is a page: a step the
 * router cannot place goes to the on-call clinicians rather than nowhere. Stateless and thread-safe.
 */
public final class EscalationRoute {

    private EscalationRoute() {
    }

    /** Whether the step is on the review route. */
    public static boolean isReview(CloudEvent escalation) {
        return SafetyEscalation.ROUTE_REVIEW.equals(field(data(escalation), "route"));
    }

    /** Whether the step is on the page route. */
    public static boolean isPage(CloudEvent escalation) {
        return !isReview(escalation);
    }

    static JsonNode data(CloudEvent escalation) {
        if (escalation.getData() == null) {
            return null;
        }
        try {
            return TtaJson.mapper().readTree(escalation.getData().toBytes());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    static String field(JsonNode data, String name) {
        if (data == null || !data.isObject()) {
            return null;
        }
        JsonNode value = data.get(name);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString();
    }
}
