package org.tta.gateway.session;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.publish.BrokerUnavailableException;
import org.tta.gateway.publish.EventPublisher;
import org.tta.gateway.publish.Published;
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.platform.security.Roles;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.topics.TopicCatalog;
import reactor.core.publisher.Mono;

/** Small stand-ins for the unit tests of the sessions feature. */
final class Fakes {

    static final SessionProperties PROPERTIES =
            new SessionProperties(Duration.ofSeconds(2), 100, Duration.ofSeconds(2), 100, Duration.ofDays(1));

    private Fakes() {
    }

    static Caller aPatient(String subject) {
        return new Caller(subject, Roles.PATIENT, Set.of(Roles.PATIENT), Set.of(), "web");
    }

    static Caller aTherapist(String subject) {
        return new Caller(subject, Roles.THERAPIST, Set.of(Roles.THERAPIST), Set.of(), "web");
    }

    static Caller anAdmin(String subject) {
        return new Caller(subject, Roles.ADMIN, Set.of(Roles.ADMIN), Set.of(), "web");
    }

    static Caller aService(String clientId, String... scopes) {
        return new Caller(clientId, Caller.SERVICE, Set.of(), Set.of(scopes), clientId);
    }

    static Session aSession(String id, Participant... participants) {
        return Session.create(id, "check-in", List.of(participants), "theo", Instant.parse("2025-06-01T10:00:00Z"));
    }

    static SessionAudit audit(EventPublisher publisher) {
        return new SessionAudit(publisher, TopicCatalog.standard(),
                new IngestProperties(URI.create("urn:test"), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new SimpleMeterRegistry());
    }

    /** Keeps what it was asked to publish, or fails every publish like an unreachable broker. */
    static final class RecordingPublisher implements EventPublisher {

        final List<ProducerRecord<String, CloudEvent>> records = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public Mono<List<Published>> publishAll(List<ProducerRecord<String, CloudEvent>> batch) {
            if (down) {
                return Mono.error(new BrokerUnavailableException("down", null));
            }
            records.addAll(batch);
            List<Published> published = new ArrayList<>();
            batch.forEach(r -> published.add(new Published(r.topic(), 0, records.size())));
            return Mono.just(published);
        }

        List<AuditRecord> audits() {
            EventCodec codec = EventCodec.standard();
            return records.stream().map(r -> codec.decode(r.value().getData().toBytes(), AuditRecord.class)).toList();
        }
    }

    /** An in-memory directory that counts membership lookups and can play an unreachable Redis. */
    static final class ScriptedDirectory implements SessionDirectory {

        final InMemorySessionDirectory store = new InMemorySessionDirectory(PROPERTIES);
        final AtomicInteger lookups = new AtomicInteger();
        final List<String> created = new CopyOnWriteArrayList<>();
        /** This many replacements lose the compare-and-set to a change that sneaks in just before. */
        final AtomicInteger racesToLose = new AtomicInteger();
        volatile boolean down;

        ScriptedDirectory with(Session... sessions) {
            Arrays.stream(sessions).forEach(s -> store.create(s).block());
            return this;
        }

        @Override
        public Mono<Boolean> create(Session session) {
            return guard(store.create(session)).doOnNext(done -> created.add(session.id()));
        }

        @Override
        public Mono<Session> find(String id) {
            return guard(store.find(id));
        }

        @Override
        public Mono<Boolean> replace(Session current, Session next) {
            if (racesToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                Session stored = store.find(current.id()).block();
                store.replace(stored, stored.withParticipants(stored.participants())).block();
            }
            return guard(store.replace(current, next));
        }

        @Override
        public Mono<Boolean> isMember(String sessionId, String subject) {
            lookups.incrementAndGet();
            return guard(store.isMember(sessionId, subject));
        }

        @Override
        public Mono<Void> delete(String id) {
            return guard(store.delete(id));
        }

        private <T> Mono<T> guard(Mono<T> call) {
            return Mono.defer(() -> down ? Mono.error(new SharedStateUnavailableException("down", null)) : call);
        }
    }
}
