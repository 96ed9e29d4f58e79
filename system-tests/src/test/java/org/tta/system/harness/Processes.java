package org.tta.system.harness;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child process the harness started. A JVM shutdown hook {@code kill -9}s whatever is still alive, so
 * that a failed or interrupted run leaves no broker or service behind (the test's own teardown stops them
 * in order first).
 */
public final class Processes {

    private static final Set<ManagedProcess> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Processes::killAll, "system-tests-kill-children"));
    }

    private Processes() {
    }

    static void register(ManagedProcess process) {
        STARTED.add(process);
    }

    /** Kills every registered process that still runs. */
    public static void killAll() {
        for (ManagedProcess process : STARTED) {
            try {
                process.kill();
            } catch (RuntimeException e) {
                System.err.println("killing " + process.name() + " failed: " + e);
            }
        }
    }
}
