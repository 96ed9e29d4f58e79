package org.tta.system.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * Three combined KRaft nodes (broker and controller each), every one its own JVM started from the Kafka jars on
 * Maven Central ({@code kafka.Kafka}), with storage formatted by {@code kafka.tools.StorageTool}, replication
 * factor 3 and {@code min.insync.replicas=2}. Killing one node leaves a controller quorum of two and every
 * partition writable.
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int NODES = 3;

    private final List<ManagedProcess> nodes = new ArrayList<>();
    private final List<Integer> brokerPorts = new ArrayList<>();
    private Admin admin;

    private KafkaCluster() {
    }

    public static KafkaCluster start(Path work, String java, String classpath) {
        KafkaCluster cluster = new KafkaCluster();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            cluster.brokerPorts.add(Ports.free());
            controllerPorts.add(Ports.free());
        }
        String voters = IntStream.range(0, NODES)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i)).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < NODES; i++) {
            int id = i + 1;
            Path dir = work.resolve("kafka-" + id);
            Path config = dir.resolve("server.properties");
            write(config, serverProperties(id, cluster.brokerPorts.get(i), controllerPorts.get(i), voters, dir.resolve("data")));
            Path log = work.resolve("kafka-" + id + ".log");
            run(List.of(java, "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId,
                    "-c", config.toString()), log);
            List<String> command = List.of(java, "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.net.preferIPv4Stack=true", "-cp", classpath, "kafka.Kafka", config.toString());
            cluster.nodes.add(new ManagedProcess("kafka-" + id, command, Map.of(), log, () -> cluster.hasNode(id)));
        }
        cluster.nodes.forEach(ManagedProcess::startInBackground);
        cluster.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        cluster.nodes.forEach(node -> node.awaitReady(Duration.ofSeconds(120)));
        return cluster;
    }

    private static Properties serverProperties(int id, int brokerPort, int controllerPort, String voters, Path data) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(id));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", data.toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("unclean.leader.election.enable", "false");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.replica.fetchers", "1");
        p.put("background.threads", "2");
        return p;
    }

    public String bootstrapServers() {
        return brokerPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public ManagedProcess node(int index) {
        return nodes.get(index);
    }

    public Admin admin() {
        return admin;
    }

    /** Whether the cluster lists node {@code id} (1-based) as a live broker. */
    public boolean hasNode(int id) {
        if (admin == null) {
            return false;
        }
        try {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id).anyMatch(n -> n == id);
        } catch (Exception e) {
            return false;
        }
    }

    /** Partitions whose in-sync replicas are fewer than their replicas (0 once a restarted node caught up). */
    public long underReplicatedPartitions() throws Exception {
        var names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        return topics.values().stream().flatMap(t -> t.partitions().stream())
                .filter(p -> p.isr().size() < p.replicas().size()).count();
    }

    private static void write(Path file, Properties properties) {
        try {
            Files.createDirectories(file.getParent());
            try (var out = Files.newBufferedWriter(file)) {
                properties.store(out, "system-tests KRaft node");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(command.size() - 5) + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        nodes.forEach(ManagedProcess::kill);
    }
}
