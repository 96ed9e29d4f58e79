package org.tta.testkit;

import java.util.Collection;

/** Where Kafka, Redis and PostgreSQL run for this JVM. */
interface Backend extends AutoCloseable {

    TestInfrastructure.Mode mode();

    String kafkaBootstrapServers();

    String redisUri();

    String jdbcUrl();

    String jdbcUser();

    String jdbcPassword();

    /** Removes what the namespaces left behind on servers that outlive this JVM. */
    default void cleanUp(Collection<TestNamespace> namespaces) {
    }

    @Override
    void close();
}
