package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.Fakes.aPatient;
import static org.tta.gateway.session.Fakes.aService;
import static org.tta.gateway.session.Fakes.aSession;
import static org.tta.gateway.session.Fakes.anAdmin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.platform.security.Roles;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.Participant;
import reactor.test.StepVerifier;

class MembershipSessionAccessTest {

    private final Fakes.ScriptedDirectory directory = new Fakes.ScriptedDirectory()
            .with(aSession("s1", Participant.patient("alice"), Participant.therapist("theo")));
    private final Fakes.RecordingPublisher publisher = new Fakes.RecordingPublisher();
    private final MemberCache cache = new MemberCache(Fakes.PROPERTIES);
    private final MembershipSessionAccess access =
            new MembershipSessionAccess(directory, cache, Fakes.audit(publisher), new SimpleMeterRegistry());

    @Test
    void letsAMemberInAndAsksTheStoreOnceWhileTheAnswerIsFresh() {
        StepVerifier.create(access.requireParticipant("s1", aPatient("alice"), "203.0.113.7")).verifyComplete();
        StepVerifier.create(access.requireParticipant("s1", aPatient("alice"), "203.0.113.7")).verifyComplete();

        assertThat(directory.lookups).hasValue(1);
        assertThat(publisher.records).isEmpty();
    }

    @Test
    void refusesANonMemberAndAuditsTheDenialWithoutContent() {
        StepVerifier.create(access.requireParticipant("s1", aPatient("mallory"), "203.0.113.9"))
                .verifyError(SessionAccessDeniedException.class);

        assertThat(publisher.records).singleElement().satisfies(record -> assertThat(record.key()).isEqualTo("s1"));
        AuditRecord audit = publisher.audits().get(0);
        assertThat(audit.action()).isEqualTo(AuditActions.ACCESS_DENIED);
        assertThat(audit.outcome()).isEqualTo(AuditOutcomes.DENIED);
        assertThat(audit.actorId()).isEqualTo("mallory");
        assertThat(audit.sessionId()).isEqualTo("s1");
        assertThat(audit.clientIp()).isEqualTo("203.0.113.9");
        assertThat(audit.content()).isNull();
    }

    @Test
    void refusesAnUnknownSessionLikeAForeignOne() {
        StepVerifier.create(access.requireParticipant("nope", aPatient("alice"), null))
                .verifyError(SessionAccessDeniedException.class);
        assertThat(publisher.audits()).extracting(AuditRecord::action).containsExactly(AuditActions.ACCESS_DENIED);
    }

    @Test
    void refusesAnAdminWhoIsNotAParticipant() {
        StepVerifier.create(access.requireParticipant("s1", anAdmin("ada"), null))
                .verifyError(SessionAccessDeniedException.class);
    }

    @Test
    void refusesEvenWhenTheDenialCannotBeAudited() {
        publisher.down = true;

        StepVerifier.create(access.requireParticipant("s1", aPatient("mallory"), null))
                .verifyError(SessionAccessDeniedException.class);
    }

    @Test
    void failsClosedWhenTheStoreCannotAnswer() {
        directory.down = true;

        StepVerifier.create(access.requireParticipant("s1", aPatient("alice"), null))
                .verifyError(SharedStateUnavailableException.class);
        assertThat(publisher.records).isEmpty();
    }

    @Test
    void letsAServiceThatManagesSessionsInWithoutAsking() {
        directory.down = true;

        StepVerifier.create(access.requireParticipant("s1", aService("narrative-engine", Roles.SCOPE_SESSIONS_WRITE), null))
                .verifyComplete();
    }

    @Test
    void refusesAServiceWithoutTheSessionsScope() {
        StepVerifier.create(access.requireParticipant("s1", aService("narrative-engine", Roles.SCOPE_EVENTS_PUBLISH), null))
                .verifyError(SessionAccessDeniedException.class);
    }

    @Test
    void asksTheStoreAgainAfterTheSessionChangedHere() {
        StepVerifier.create(access.requireParticipant("s1", aPatient("alice"), null)).verifyComplete();
        Session current = directory.find("s1").block();
        directory.replace(current, current.withParticipants(java.util.List.of(Participant.therapist("theo")))).block();
        cache.forget("s1");

        StepVerifier.create(access.requireParticipant("s1", aPatient("alice"), null))
                .verifyError(SessionAccessDeniedException.class);
        assertThat(directory.lookups).hasValue(2);
    }
}
