package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.payload.Participant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The session document has exactly the documented fields, in Redis and in responses. */
class SessionJsonTest {

    private final Session session = Fakes.aSession("s1", Participant.patient("alice"), Participant.therapist("theo"));

    @Test
    void writesOnlyTheDocumentedFields() {
        for (JsonMapper mapper : new JsonMapper[] {TtaJson.mapper(), JsonMapper.builder().build()}) {
            JsonNode json = mapper.valueToTree(session);

            assertThat(json.propertyNames()).containsExactly("id", "title", "participants", "createdBy", "createdAt", "version");
            assertThat(json.get("createdAt").asString()).isEqualTo("2025-06-01T10:00:00Z");
            assertThat(json.get("participants").get(0).propertyNames()).containsExactly("subject", "role");
            assertThat(mapper.treeToValue(json, Session.class)).isEqualTo(session);
        }
    }

    @Test
    void keepsTheTitleOutOfLogLines() {
        assertThat(session.toString()).doesNotContain("check-in").contains("s1");
    }
}
