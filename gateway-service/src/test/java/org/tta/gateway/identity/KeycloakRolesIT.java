package org.tta.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.SessionApi.creation;
import static org.tta.gateway.session.SessionApi.expectProblem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.session.Session;
import org.tta.gateway.session.SessionApi;
import org.tta.schemas.payload.Participant;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/** Keycloak puts realm roles under {@code realm_access.roles}; one setting is all it takes. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "tta.security.roles-claim=realm_access.roles"})
@AutoConfigureWebTestClient
class KeycloakRolesIT {

    @Autowired
    WebTestClient http;

    private SessionApi api;

    @BeforeEach
    void client() {
        api = new SessionApi(http);
    }

    @Test
    void takesRolesFromRealmAccessRoles() {
        Session session = api.create(keycloak("kate", "therapist"), Participant.patient("kim"));
        assertThat(session.participants()).contains(Participant.therapist("kate"));

        api.postMessage(keycloak("kim", "patient"), session.id(), "hello from Keycloak").expectStatus().isAccepted();
    }

    @Test
    void ignoresTheDefaultRolesClaimOnceConfiguredOtherwise() {
        Session session = api.create(keycloak("kate", "therapist"), Participant.patient("alice"));

        expectProblem(api.postMessage(Tokens.aPatient("alice"), session.id(), "hello"), 403, "forbidden");
        expectProblem(api.post(Tokens.aTherapist("theo"), creation(null, Participant.patient("alice"))), 403, "forbidden");
    }

    private static String keycloak(String subject, String role) {
        return Tokens.builder(subject).claim("realm_access", Map.of("roles", List.of(role))).sign();
    }
}
