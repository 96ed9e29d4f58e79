package org.tta.system.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The harness's own infrastructure on its own: a 3-node cluster that survives a kill -9 of one node and gets
 * its replicas back in sync, a Redis that keeps its data across a stop, a PostgreSQL that keeps its data across
 * a stop. Quick (no services), so the pieces can be checked without the full run.
 */
class InfrastructureIT {

    @Test
    void theInfrastructureSurvivesTheFaultsTheFullRunInjects() throws Exception {
        Path work = Path.of(System.getProperty("tta.system.work", "target/system")).resolve("infrastructure");
        SystemUnderTest.deleteRecursively(work);
        Files.createDirectories(work);
        String classpath = Files.readString(Path.of(System.getProperty("tta.system.kafka-classpath"))).trim();
        try (KafkaCluster kafka = KafkaCluster.start(work, SystemUnderTest.java(), classpath);
             RedisServer redis = RedisServer.start(work);
             PostgresServer postgres = PostgresServer.start(work)) {
            kafka.admin().createTopics(List.of(new NewTopic("infra.check", 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
            TopicDescription topic = kafka.admin().describeTopics(List.of("infra.check")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("infra.check");
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));

            kafka.node(1).kill();
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> kafka.underReplicatedPartitions() > 0);
            kafka.node(1).start(Duration.ofSeconds(120));
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> kafka.underReplicatedPartitions() == 0);

            assertThat(RedisServer.command(redisPort(redis), "SET kept yes")).isEqualTo("+OK");
            redis.stopSavingData();
            assertThat(RedisServer.command(redisPort(redis), "PING")).isNull();
            redis.process().start(Duration.ofSeconds(30));
            assertThat(RedisServer.command(redisPort(redis), "GET kept")).isEqualTo("$3");

            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('yes')");
            }
            postgres.stop();
            postgres.start();
            try (Connection c = postgres.connect(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("select v from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("yes");
            }
        }
    }

    private static int redisPort(RedisServer redis) {
        return Integer.parseInt(redis.url().substring(redis.url().lastIndexOf(':') + 1));
    }
}
