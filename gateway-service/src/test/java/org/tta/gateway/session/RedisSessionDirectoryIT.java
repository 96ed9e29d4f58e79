package org.tta.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.gateway.session.Fakes.aSession;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.schemas.payload.Participant;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.TtaIntegrationTest;
import reactor.test.StepVerifier;

/** The Redis layout and its atomic writes, against a real Redis. */
@TtaIntegrationTest
class RedisSessionDirectoryIT {

    private static LettuceConnectionFactory connections;
    private static ReactiveStringRedisTemplate redis;
    private static SharedStateProperties keys;
    private static RedisSessionDirectory directory;

    @BeforeAll
    static void connect(TestInfrastructure infrastructure, TestNamespace namespace) {
        connections = connect(infrastructure.redisUri());
        redis = new ReactiveStringRedisTemplate(connections);
        keys = new SharedStateProperties(SharedStateProperties.Store.REDIS, namespace.redisKeyPrefix());
        directory = new RedisSessionDirectory(redis, keys, Fakes.PROPERTIES);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void keepsTheDocumentAsJsonAndTheMembersAsASet() {
        Session session = aSession("layout-1", Participant.patient("alice"), Participant.therapist("theo"));

        assertThat(directory.create(session).block()).isTrue();

        assertThat(redis.opsForValue().get(keys.key("session", "layout-1")).block())
                .contains("\"id\":\"layout-1\"").contains("\"version\":1");
        assertThat(redis.opsForSet().members(keys.key("session", "layout-1", "members")).collectList().block())
                .containsExactlyInAnyOrder("alice", "theo");
        assertThat(directory.find("layout-1").block()).isEqualTo(session);
        assertThat(directory.isMember("layout-1", "alice").block()).isTrue();
        assertThat(directory.isMember("layout-1", "mallory").block()).isFalse();
    }

    @Test
    void neverOverwritesAnExistingSession() {
        directory.create(aSession("taken-1", Participant.patient("alice"))).block();

        assertThat(directory.create(aSession("taken-1", Participant.patient("mallory"))).block()).isFalse();
        assertThat(directory.isMember("taken-1", "mallory").block()).isFalse();
    }

    @Test
    void replacesDocumentAndMembersTogetherOnlyAtTheExpectedVersion() {
        Session v1 = aSession("cas-1", Participant.patient("alice"), Participant.patient("bob"), Participant.therapist("theo"));
        directory.create(v1).block();
        Session v2 = v1.withParticipants(List.of(Participant.patient("carol"), Participant.therapist("theo")));

        assertThat(directory.replace(v1, v2).block()).isTrue();
        assertThat(directory.replace(v1, v1.withParticipants(List.of(Participant.patient("mallory")))).block()).isFalse();

        assertThat(directory.find("cas-1").block()).isEqualTo(v2);
        assertThat(redis.opsForSet().members(keys.key("session", "cas-1", "members")).collectList().block())
                .containsExactlyInAnyOrder("carol", "theo");
    }

    @Test
    void replacesNothingForAnUnknownSession() {
        Session ghost = aSession("ghost-1", Participant.patient("alice"));

        assertThat(directory.replace(ghost, ghost.withParticipants(List.of(Participant.patient("bob")))).block()).isFalse();
        assertThat(directory.find("ghost-1").block()).isNull();
        assertThat(directory.isMember("ghost-1", "bob").block()).isFalse();
    }

    @Test
    void deletesTheDocumentAndTheMembers() {
        directory.create(aSession("gone-1", Participant.patient("alice"))).block();

        directory.delete("gone-1").block();

        assertThat(directory.find("gone-1").block()).isNull();
        assertThat(redis.hasKey(keys.key("session", "gone-1", "members")).block()).isFalse();
    }

    @Test
    void anIdWithAColonNamesNoSessionSoKeysCannotCollide() {
        directory.create(aSession("col", Participant.patient("alice"))).block();

        // "col:members" would otherwise read the member set of "col" as a document.
        assertThat(directory.find("col:members").block()).isNull();
        assertThat(directory.isMember("col:members", "alice").block()).isFalse();
        StepVerifier.create(directory.create(aSession("a:b", Participant.patient("alice")))).verifyError(IllegalArgumentException.class);
    }

    @Test
    void failsWithSharedStateUnavailableWhenRedisDoesNotAnswer() {
        LettuceConnectionFactory dead = connect("redis://127.0.0.1:9");
        try {
            RedisSessionDirectory unreachable = new RedisSessionDirectory(new ReactiveStringRedisTemplate(dead), keys, Fakes.PROPERTIES);

            StepVerifier.create(unreachable.isMember("layout-1", "alice")).verifyError(SharedStateUnavailableException.class);
            StepVerifier.create(unreachable.find("layout-1")).verifyError(SharedStateUnavailableException.class);
        } finally {
            dead.destroy();
        }
    }

    private static LettuceConnectionFactory connect(String uri) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
