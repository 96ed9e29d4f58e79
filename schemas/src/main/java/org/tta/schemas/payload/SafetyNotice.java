package org.tta.schemas.payload;

import java.util.List;

/**
 * Data of {@code org.tta.safety.notice.v1} ({@code safety-notice.v1.json}): a supportive message
 * with crisis resources for a session's participants, sent once per escalation.
 */
public record SafetyNotice(String escalationId, String sessionId, String text, List<Resource> resources) {

    public SafetyNotice {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** One crisis resource, such as {@code 988 Suicide & Crisis Lifeline}, {@code 988}, {@code US}. */
    public record Resource(String name, String contact, String region) {
    }
}
