package org.tta.schemas.payload;

import java.time.Instant;

/**
 * Data of {@code org.tta.safety.escalation_command.v1}: acknowledge or resolve an escalation
 * ({@code escalation-command.v1.json}). {@code note} is clinical content (PHI): never log it.
 *
 * @param commandId    the command's id (a UUIDv7), also the CloudEvents id
 * @param escalationId the escalation to act on
 * @param sessionId    its session (also the record key, so the command reaches the task holding its state)
 * @param action       {@link #ACKNOWLEDGE} or {@link #RESOLVE}
 * @param actorId      who asked (the token subject)
 * @param actorRole    the role they asked with
 * @param note         the resolution note; required to resolve, null to acknowledge
 * @param requestedAt  when the API accepted the command
 */
public record EscalationCommand(String commandId, String escalationId, String sessionId, String action, String actorId,
        String actorRole, String note, Instant requestedAt) {

    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String RESOLVE = "resolve";

    @Override
    public String toString() {
        // note is clinical content and must not reach a log line through an accidental toString().
        return "EscalationCommand[commandId=" + commandId + ", escalationId=" + escalationId + ", sessionId=" + sessionId
                + ", action=" + action + ", actorId=" + actorId + ", actorRole=" + actorRole + ", note="
                + Redaction.of(note) + ", requestedAt=" + requestedAt + "]";
    }
}
