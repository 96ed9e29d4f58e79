package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.SessionApi.expectProblem;
import static org.tta.gateway.session.SessionApi.replacement;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.payload.SessionMessage;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * Membership checked on every message. The member cache is set to its longest TTL here, so a test
 * that a removed participant is refused at once fails if this instance did not forget them.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "tta.gateway.sessions.member-cache-ttl=30s"})
@AutoConfigureWebTestClient
class SessionMembershipIT {

    private static final Participant ALICE = Participant.patient("alice");
    private static final Participant BOB = Participant.patient("bob");
    private static final Participant THEO = Participant.therapist("theo");

    @Autowired
    WebTestClient http;

    @Autowired
    TopicCatalog topics;

    private final EventCodec codec = EventCodec.standard();
    private SessionApi api;

    @BeforeEach
    void client() {
        api = new SessionApi(http);
    }

    @Test
    void refusesANonMemberAuditsTheDenialAndWritesNothingToTheSession() {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE);
        api.postMessage(Tokens.aPatient("alice"), session.id(), "first").expectStatus().isAccepted();

        expectProblem(api.postMessage(Tokens.aPatient("mallory"), session.id(), "let me in"), 403, "not-a-participant");
        api.postMessage(Tokens.aTherapist("theo"), session.id(), "marker").expectStatus().isAccepted();

        // The marker shares the session's partition and comes after anything the refused post could have written.
        List<String> texts = KeyedRecords.await(topics.name(TopicId.SESSION_EVENTS), session.id(), 2).stream()
                .map(this::text).toList();
        assertThat(texts).containsExactly("first", "marker");
        AuditRecord denial = KeyedRecords.audits(topics.name(TopicId.AUDIT_RECORDS), session.id(), 4).stream()
                .filter(audit -> audit.action().equals(AuditActions.ACCESS_DENIED)).findFirst().orElseThrow();
        assertThat(denial.outcome()).isEqualTo(AuditOutcomes.DENIED);
        assertThat(denial.actorId()).isEqualTo("mallory");
        assertThat(denial.actorRole()).isEqualTo("patient");
        assertThat(denial.sessionId()).isEqualTo(session.id());
        assertThat(denial.content()).isNull();
    }

    @Test
    void aRemovedParticipantIsRefusedAtOnce() {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE, BOB);
        api.postMessage(Tokens.aPatient("alice"), session.id(), "before").expectStatus().isAccepted();

        api.replace(Tokens.aTherapist("theo"), session.id(), replacement(BOB, THEO), null).expectStatus().isOk();

        expectProblem(api.postMessage(Tokens.aPatient("alice"), session.id(), "after"), 403, "not-a-participant");
        api.postMessage(Tokens.aPatient("bob"), session.id(), "still here").expectStatus().isAccepted();
    }

    @Test
    void anAddedParticipantGetsInAtOnce() {
        Session session = api.create(Tokens.aTherapist("theo"), ALICE);
        expectProblem(api.postMessage(Tokens.aPatient("carol"), session.id(), "hello?"), 403, "not-a-participant");

        api.replace(Tokens.aTherapist("theo"), session.id(), replacement(ALICE, Participant.patient("carol"), THEO), "\"1\"")
                .expectStatus().isOk();

        api.postMessage(Tokens.aPatient("carol"), session.id(), "hello").expectStatus().isAccepted();
    }

    @Test
    void refusesPostsToASessionThatDoesNotExist() {
        expectProblem(api.postMessage(Tokens.aPatient("alice"), "0190f1f4-3b1a-7c3e-8a2b-5d9e0c1f2a3b", "hi"), 403, "not-a-participant");
        expectProblem(api.postMessage(Tokens.aPatient("alice"), "room:members", "hi"), 403, "not-a-participant");
    }

    private String text(ConsumerRecord<String, byte[]> record) {
        return codec.decode(record.value(), SessionMessage.class).text();
    }
}
