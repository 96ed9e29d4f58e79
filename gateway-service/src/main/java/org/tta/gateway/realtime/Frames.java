package org.tta.gateway.realtime;

import java.time.Instant;
import java.util.Collection;

import org.tta.gateway.ingest.Accepted;
import org.tta.gateway.problem.Problem;
import org.tta.schemas.json.TtaJson;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders the server frames other than {@code event} (see {@code docs/realtime-protocol.md}). */
public final class Frames {

    private static final JsonMapper JSON = TtaJson.mapper();

    private Frames() {
    }

    public static OutboundFrame ack(String id, Accepted accepted) {
        ObjectNode frame = frame("ack");
        putIfPresent(frame, "id", id);
        frame.put("eventId", accepted.id());
        frame.put("position", accepted.position());
        return render(frame, null);
    }

    public static OutboundFrame error(String id, Problem problem) {
        ObjectNode frame = frame("error");
        putIfPresent(frame, "id", id);
        ObjectNode body = frame.putObject("problem");
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        putIfPresent(body, "detail", problem.detail());
        problem.extensions().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        return render(frame, null);
    }

    public static OutboundFrame pong(String id) {
        ObjectNode frame = frame("pong");
        putIfPresent(frame, "id", id);
        return render(frame, null);
    }

    public static OutboundFrame authenticated(Instant expiresAt) {
        ObjectNode frame = frame("auth");
        frame.put("expiresAt", expiresAt.toString());
        return render(frame, null);
    }

    public static OutboundFrame resumeUnavailable(String since) {
        ObjectNode frame = frame("resume-unavailable");
        putIfPresent(frame, "since", since);
        frame.put("detail", "The events after this position are no longer available; reload the session, then reconnect without since");
        return render(frame, null);
    }

    /** Who is connected to the session now, and who just joined or left. */
    public static OutboundFrame presence(Collection<PresenceMember> members, Collection<PresenceMember> joined,
                                         Collection<PresenceMember> left) {
        ObjectNode frame = frame("presence");
        frame.set("participants", members(members));
        frame.set("joined", members(joined));
        frame.set("left", members(left));
        return render(frame, null);
    }

    private static ArrayNode members(Collection<PresenceMember> members) {
        ArrayNode array = JSON.createArrayNode();
        for (PresenceMember member : members) {
            array.addObject().put("subject", member.subject()).put("role", member.role());
        }
        return array;
    }

    private static ObjectNode frame(String type) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("type", type);
        return frame;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static OutboundFrame render(ObjectNode frame, String position) {
        return new OutboundFrame(frame.get("type").asString(), position, JSON.writeValueAsString(frame));
    }
}
