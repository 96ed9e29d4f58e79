package org.tta.gateway.config;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.tta.gateway.publish.TraceHeaders;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.publish.PublishCircuitBreaker;
import org.tta.gateway.publish.PublishProperties;
import org.tta.gateway.publish.TransactionalEventPublisher;
import org.tta.gateway.publish.TransactionalProducers;
import reactor.core.scheduler.Schedulers;

/**
 * Wires the group-commit publisher (it is both the {@code EventPublisher} and the {@code PublishPressure}).
 * Its transactional producers come from a copy of Spring Boot's producer factory, so the
 * application's {@code KafkaTemplate} stays non-transactional for whoever else uses it.
 */
@Configuration(proxyBeanMethods = false)
class PublishingConfig {

    @Bean
    TransactionalEventPublisher eventPublisher(ProducerFactory<String, CloudEvent> producerFactory,
                                               PublishProperties publish, IngestProperties ingest,
                                               MeterRegistry meters, ObjectProvider<Tracer> tracer,
                                               ObjectProvider<Propagator> propagator) {
        String prefix = TransactionalProducers.prefix(publish.transactionalIdPrefix(), System.getenv("HOSTNAME"));
        return new TransactionalEventPublisher(
                TransactionalProducers.from(producerFactory, prefix, publish.committers()),
                publish, ingest.publishTimeout(), PublishCircuitBreaker.create(publish.breaker(), meters),
                // Bounded (one thread per core) and shared with Reactor's timers: answering a caller is short work.
                Schedulers.parallel(), meters, traceHeaders(tracer, propagator));
    }

    private static TraceHeaders traceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        return t == null || p == null ? TraceHeaders.NONE : new TraceHeaders(t, p);
    }
}
