package org.tta.system;

import java.time.Duration;

/**
 * How big a run is: {@code -Dtta.system.size=ci} (the default: the CI-sized run, about 5 minutes on 2 cores)
 * or {@code long} (on demand: more sessions, faster posting, every fault three times, a 30-minute soak).
 *
 * @param name          ci or long
 * @param sessions      sessions under steady load, each with one posting patient and two sockets
 * @param interval      pause between one session's posts (each post waits for its answer first)
 * @param cycles        how many times the whole list of faults runs
 * @param drainBudget   the stated time within which the backlog of a fault must be drained after recovery
 * @param soakDuration  how long the soak runs
 * @param soakSample    how often the soak samples heap, threads, file descriptors and lag
 */
public record SystemSize(String name, int sessions, Duration interval, int cycles, Duration drainBudget,
                         Duration soakDuration, Duration soakSample) {

    public static SystemSize fromProperties() {
        String name = System.getProperty("tta.system.size", "ci");
        return switch (name) {
            case "ci" -> new SystemSize(name, 6, Duration.ofMillis(200), 1, Duration.ofSeconds(60),
                    Duration.ofMinutes(3), Duration.ofSeconds(15));
            case "long" -> new SystemSize(name, 16, Duration.ofMillis(100), 3, Duration.ofSeconds(60),
                    Duration.ofMinutes(30), Duration.ofSeconds(60));
            default -> throw new IllegalArgumentException("tta.system.size must be ci or long, was " + name);
        };
    }
}
