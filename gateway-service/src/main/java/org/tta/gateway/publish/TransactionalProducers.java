package org.tta.gateway.publish;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.ProducerFactory;

/** Derives the committers' transactional producer factory from the application's producer factory. */
public final class TransactionalProducers {

    private TransactionalProducers() {
    }

    /**
     * A copy of {@code base} (same bootstrap servers, serializers, security, listeners) whose
     * producers are transactional and idempotent with {@code acks=all}. The suffixes of the
     * transactional ids come from a pool of one per committer, so a producer that replaces a failed
     * one reuses its id: its {@code initTransactions} fences the old one and settles the transaction
     * it left open at once, instead of read_committed readers waiting for {@code transaction.timeout.ms}.
     */
    public static ProducerFactory<String, CloudEvent> from(ProducerFactory<String, CloudEvent> base, String prefix,
                                                           int committers) {
        ProducerFactory<String, CloudEvent> copy = base.copyWithConfigurationOverride(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"));
        if (copy instanceof DefaultKafkaProducerFactory<String, CloudEvent> factory) {
            factory.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(committers));
        }
        return copy;
    }

    /**
     * The configured prefix, or {@code gateway-<host>-<random>-}: the host name makes it readable in
     * the broker's tools, the random part keeps two gateways on one host (or two test contexts in one
     * JVM) from fencing each other. Operators with stable instance names (a StatefulSet) may set a
     * stable prefix instead, so that a restarted instance fences its predecessor at once.
     */
    public static String prefix(String configured, String hostname) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host = hostname == null || hostname.isBlank() ? "local" : hostname.replaceAll("[^A-Za-z0-9._-]", "_");
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "gateway-" + host + "-" + HexFormat.of().formatHex(random) + "-";
    }
}
