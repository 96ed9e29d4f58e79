package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.Fakes.aPatient;
import static org.tta.gateway.session.Fakes.aService;
import static org.tta.gateway.session.Fakes.aSession;
import static org.tta.gateway.session.Fakes.aTherapist;
import static org.tta.gateway.session.Fakes.anAdmin;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.tta.gateway.publish.BrokerUnavailableException;
import org.tta.platform.security.Roles;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.validation.PayloadInvalidException;
import org.tta.schemas.validation.Violation;
import reactor.test.StepVerifier;

class SessionServiceTest {

    private static final List<Participant> ALICE_AND_THEO = List.of(Participant.patient("alice"), Participant.therapist("theo"));

    private final Fakes.ScriptedDirectory directory = new Fakes.ScriptedDirectory()
            .with(aSession("s1", Participant.patient("alice"), Participant.therapist("theo"), Participant.patient("tess")));
    private final Fakes.RecordingPublisher publisher = new Fakes.RecordingPublisher();
    private final MemberCache cache = new MemberCache(Fakes.PROPERTIES);
    private final SessionService service =
            new SessionService(directory, cache, Fakes.audit(publisher), new SimpleMeterRegistry());

    @Test
    void aTherapistWhoCreatesASessionBecomesOneOfItsTherapists() {
        Session created = service.create(aTherapist("tom"), "intake", List.of(Participant.patient("alice")), "198.51.100.1").block();

        assertThat(created.participants()).containsExactly(Participant.patient("alice"), Participant.therapist("tom"));
        assertThat(created.createdBy()).isEqualTo("tom");
        assertThat(created.version()).isEqualTo(1);
        assertThat(directory.find(created.id()).block()).isEqualTo(created);
        AuditRecord audit = publisher.audits().get(0);
        assertThat(audit.action()).isEqualTo(AuditActions.SESSION_CREATED);
        assertThat(audit.sessionId()).isEqualTo(created.id());
        assertThat(audit.content()).isEqualTo("patient:alice therapist:tom");
        assertThat(publisher.records.get(0).key()).isEqualTo(created.id());
    }

    @Test
    void aServiceThatCreatesASessionIsNotAParticipant() {
        Session created = service.create(aService("narrative-engine", Roles.SCOPE_SESSIONS_WRITE), null, ALICE_AND_THEO, null).block();

        assertThat(created.participants()).containsExactlyElementsOf(ALICE_AND_THEO);
    }

    @Test
    void undoesACreationWhoseAuditRecordKafkaDidNotTake() {
        publisher.down = true;
        List<String> ids = new ArrayList<>();

        StepVerifier.create(service.create(aTherapist("theo"), null, ALICE_AND_THEO, null).doOnNext(s -> ids.add(s.id())))
                .verifyError(BrokerUnavailableException.class);
        assertThat(ids).isEmpty();
        assertThat(directory.created).hasSize(1);
        assertThat(directory.find(directory.created.get(0)).block()).isNull();
    }

    @Test
    void refusesASubjectListedTwice() {
        List<Participant> twice = List.of(Participant.patient("alice"), Participant.therapist("alice"));

        StepVerifier.create(service.create(aTherapist("theo"), null, twice, null))
                .verifyErrorSatisfies(error -> assertThat(((PayloadInvalidException) error).violations())
                        .containsExactly(new Violation("/participants/1/subject", "must not repeat the subject of another participant")));
        assertThat(publisher.records).isEmpty();
    }

    @Test
    void countsTheCreatingTherapistInTheLimit() {
        List<Participant> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(Participant.patient("p" + i));
        }

        StepVerifier.create(service.create(aTherapist("theo"), null, fifty, null)).verifyError(PayloadInvalidException.class);
        StepVerifier.create(service.create(aService("engine", Roles.SCOPE_SESSIONS_WRITE), null, fifty, null))
                .expectNextCount(1).verifyComplete();
    }

    @Test
    void showsTheSessionToParticipantsAdminsAndManagingServicesOnly() {
        StepVerifier.create(service.get(aPatient("alice"), "s1", null)).expectNextCount(1).verifyComplete();
        StepVerifier.create(service.get(anAdmin("ada"), "s1", null)).expectNextCount(1).verifyComplete();
        StepVerifier.create(service.get(aService("engine", Roles.SCOPE_SESSIONS_WRITE), "s1", null)).expectNextCount(1).verifyComplete();
        StepVerifier.create(service.get(aPatient("mallory"), "s1", null)).verifyError(SessionAccessDeniedException.class);
        StepVerifier.create(service.get(aService("engine", Roles.SCOPE_EVENTS_PUBLISH), "s1", null))
                .verifyError(SessionAccessDeniedException.class);

        assertThat(publisher.audits()).extracting(AuditRecord::actorId).containsExactly("mallory", "engine");
    }

    @Test
    void tellsOnlyThoseWhoSeeEverySessionThatAnIdIsUnknown() {
        StepVerifier.create(service.get(aPatient("alice"), "unknown", null)).verifyError(SessionAccessDeniedException.class);
        StepVerifier.create(service.get(aTherapist("theo"), "unknown", null)).verifyError(SessionAccessDeniedException.class);
        StepVerifier.create(service.get(anAdmin("ada"), "unknown", null)).verifyError(SessionNotFoundException.class);
        StepVerifier.create(service.get(aService("engine", Roles.SCOPE_SESSIONS_WRITE), "unknown", null))
                .verifyError(SessionNotFoundException.class);
    }

    @Test
    void aTherapistOfTheSessionReplacesItsParticipants() {
        Session next = service.replaceParticipants(aTherapist("theo"), "s1", ALICE_AND_THEO, "\"1\"", null).block();

        assertThat(next.version()).isEqualTo(2);
        assertThat(next.participants()).containsExactlyElementsOf(ALICE_AND_THEO);
        assertThat(directory.isMember("s1", "tess").block()).isFalse();
        AuditRecord audit = publisher.audits().get(0);
        assertThat(audit.action()).isEqualTo(AuditActions.SESSION_PARTICIPANTS_CHANGED);
        assertThat(audit.content()).isEqualTo("patient:alice therapist:theo");
    }

    @Test
    void refusesATherapistWhoIsNotATherapistOfTheSession() {
        StepVerifier.create(service.replaceParticipants(aTherapist("tess"), "s1", ALICE_AND_THEO, null, null))
                .verifyError(SessionAccessDeniedException.class);
        StepVerifier.create(service.replaceParticipants(aTherapist("tom"), "s1", ALICE_AND_THEO, null, null))
                .verifyError(SessionAccessDeniedException.class);

        assertThat(directory.find("s1").block().version()).isEqualTo(1);
        assertThat(publisher.audits()).extracting(AuditRecord::action).containsOnly(AuditActions.ACCESS_DENIED);
    }

    @Test
    void refusesAStaleIfMatchAndChangesNothing() {
        StepVerifier.create(service.replaceParticipants(aTherapist("theo"), "s1", ALICE_AND_THEO, "\"7\"", null))
                .verifyError(SessionPreconditionFailedException.class);

        assertThat(directory.find("s1").block().version()).isEqualTo(1);
        assertThat(publisher.records).isEmpty();
    }

    @Test
    void retriesAnUnconditionalReplacementThatLostARace() {
        directory.racesToLose.set(2);

        Session next = service.replaceParticipants(aTherapist("theo"), "s1", ALICE_AND_THEO, null, null).block();

        assertThat(next.version()).isEqualTo(4);
        assertThat(directory.find("s1").block()).isEqualTo(next);
    }

    @Test
    void aConditionalReplacementThatLostARaceFailsItsPrecondition() {
        directory.racesToLose.set(1);

        StepVerifier.create(service.replaceParticipants(aTherapist("theo"), "s1", ALICE_AND_THEO, "\"1\"", null))
                .verifyError(SessionPreconditionFailedException.class);
    }

    @Test
    void givesUpOnASessionThatKeepsChanging() {
        directory.racesToLose.set(100);

        StepVerifier.create(service.replaceParticipants(aTherapist("theo"), "s1", ALICE_AND_THEO, null, null))
                .verifyError(SessionChangedConcurrentlyException.class);
    }

    @Test
    void undoesAParticipantChangeWhoseAuditRecordKafkaDidNotTake() {
        publisher.down = true;

        StepVerifier.create(service.replaceParticipants(aTherapist("theo"), "s1", ALICE_AND_THEO, null, null))
                .verifyError(BrokerUnavailableException.class);

        Session stored = directory.find("s1").block();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.isMember("tess")).isTrue();
    }

    @Test
    void forgetsCachedMembershipWhenParticipantsChange() {
        cache.remember("s1", "tess", cache.generation());

        service.replaceParticipants(aTherapist("theo"), "s1", ALICE_AND_THEO, null, null).block();

        assertThat(cache.isKnownMember("s1", "tess")).isFalse();
    }
}
