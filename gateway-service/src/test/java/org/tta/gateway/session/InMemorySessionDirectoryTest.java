package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.Fakes.aSession;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tta.schemas.payload.Participant;

class InMemorySessionDirectoryTest {

    private final InMemorySessionDirectory directory = new InMemorySessionDirectory(Fakes.PROPERTIES);

    @Test
    void behavesLikeTheRedisDirectory() {
        Session v1 = aSession("s1", Participant.patient("alice"), Participant.therapist("theo"));
        Session v2 = v1.withParticipants(List.of(Participant.patient("bob"), Participant.therapist("theo")));

        assertThat(directory.create(v1).block()).isTrue();
        assertThat(directory.create(aSession("s1", Participant.patient("mallory"))).block()).isFalse();
        assertThat(directory.isMember("s1", "alice").block()).isTrue();
        assertThat(directory.replace(v1, v2).block()).isTrue();
        assertThat(directory.replace(v1, v1.withParticipants(List.of(Participant.patient("mallory")))).block()).isFalse();
        assertThat(directory.find("s1").block()).isEqualTo(v2);
        assertThat(directory.isMember("s1", "alice").block()).isFalse();
        assertThat(directory.isMember("unknown", "alice").block()).isFalse();
        directory.delete("s1").block();
        assertThat(directory.find("s1").block()).isNull();
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfSessions() {
        InMemorySessionDirectory small = new InMemorySessionDirectory(
                new SessionProperties(Duration.ZERO, 1, Duration.ofSeconds(1), 3, Duration.ofDays(1)));
        for (int i = 0; i < 100; i++) {
            small.create(aSession("s" + i, Participant.patient("alice"))).block();
        }

        small.cleanUp();

        assertThat(small.size()).isLessThanOrEqualTo(3);
    }
}
