package org.tta.standalone;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Kafka's own single-node KRaft broker, in this JVM, configured for transactions on one node, and
 * reachable for bootstrapping on the documented port through a {@link PortForwarder}.
 */
final class EmbeddedKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final PortForwarder forwarder;
    private final int port;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker, PortForwarder forwarder, int port) {
        this.broker = broker;
        this.forwarder = forwarder;
        this.port = port;
    }

    static EmbeddedKafka start(int port, int partitions) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        // Keeps the test kit from setting the JVM-wide system property spring.kafka.bootstrap-servers.
        broker.brokerListProperty("tta.standalone.kafka.bootstrap-servers");
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        String actual = broker.getBrokersAsString().split(",")[0];
        int actualPort = Integer.parseInt(actual.substring(actual.lastIndexOf(':') + 1));
        PortForwarder forwarder = PortForwarder.start(port, new InetSocketAddress("localhost", actualPort));
        return new EmbeddedKafka(broker, forwarder, port);
    }

    /** The documented address; it forwards to the broker, which then advertises its own port. */
    String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() throws Exception {
        forwarder.close();
        broker.destroy();
    }
}
