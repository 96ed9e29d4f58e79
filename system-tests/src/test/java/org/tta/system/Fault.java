package org.tta.system;

import java.time.Duration;
import java.util.List;

import org.tta.system.harness.KafkaCluster;
import org.tta.system.harness.ManagedProcess;
import org.tta.system.harness.ServiceProcess;
import org.tta.system.harness.SystemUnderTest;
import org.awaitility.Awaitility;

/**
 * One fault round: what is done to which process, how long it stays down, and how it comes back (the round
 * counts as recovered once the component is ready again; for a broker, once every partition is fully in sync).
 */
record Fault(String id, String name, String injection, Runnable inject, Duration down, Runnable recover) {

    private static final Duration KILLED = Duration.ZERO;
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** The broker that is killed (node ids are 1-based). */
    private static final int BROKER_ID = 2;

    /** The faults in the order the issue lists them; {@code -Dtta.system.faults=broker,redis} picks some. */
    static List<Fault> all(SystemUnderTest system) {
        ManagedProcess broker = system.kafka.node(BROKER_ID - 1);
        List<Fault> faults = List.of(
                new Fault("broker", "one Kafka broker (" + broker.name() + ")",
                        "kill -9, restart once the cluster has fenced it", () -> killBroker(system, broker), KILLED,
                        () -> restartBroker(system, broker)),
                killAndRestart("gateway", system.gateways.get(0), system),
                killAndRestart("router", system.routers.get(0), system),
                killAndRestart("safety-worker", system.safety, system),
                killAndRestart("audit-sink", system.audit, system),
                new Fault("redis", "Redis (the harness's own)", "stopped (SHUTDOWN SAVE) for 10 s, restarted",
                        system.redis::stopSavingData, OUTAGE,
                        () -> system.redis.process().start(Duration.ofSeconds(30))),
                new Fault("postgres", "PostgreSQL (the harness's own)", "stopped (pg_ctl stop) for 10 s, restarted",
                        system.postgres::stop, OUTAGE, system.postgres::start));
        String picked = System.getProperty("tta.system.faults", "");
        if (picked.isBlank()) {
            return faults;
        }
        List<String> ids = List.of(picked.split("\\s*,\\s*"));
        return faults.stream().filter(f -> ids.contains(f.id())).toList();
    }

    private static Fault killAndRestart(String id, ServiceProcess service, SystemUnderTest system) {
        return new Fault(id, service.name(), "kill -9, restart", service.process()::kill, KILLED,
                () -> service.process().start(system.readyTimeout()));
    }

    /** Restarting at once would come back before the controller noticed; wait until it has dropped the node. */
    private static void killBroker(SystemUnderTest system, ManagedProcess broker) {
        broker.kill();
        Awaitility.await("the cluster dropped " + broker.name()).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> !system.kafka.hasNode(BROKER_ID));
    }

    private static void restartBroker(SystemUnderTest system, ManagedProcess broker) {
        broker.start(Duration.ofSeconds(120));
        KafkaCluster kafka = system.kafka;
        Awaitility.await("every partition in sync again").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> kafka.underReplicatedPartitions() == 0);
    }
}
