package org.tta.system.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

/**
 * One child process of the harness: a command that can be started, {@code kill -9}ed, stopped and started
 * again with the same command, its output appended to one log file under {@code target/}. Every process is
 * registered with {@link Processes}, whose shutdown hook kills what is still running.
 */
public final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final BooleanSupplier ready;
    private Process process;

    ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log, BooleanSupplier ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.ready = ready;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** Starts the process (again) and returns once its readiness check passes. */
    public synchronized void start(Duration readyWithin) {
        startInBackground();
        awaitReady(readyWithin);
    }

    public synchronized void startInBackground() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        Processes.register(this);
    }

    public void awaitReady(Duration within) {
        Awaitility.await(name + " ready").atMost(within).pollInterval(Duration.ofMillis(300))
                .failFast(name + " exited; see " + log, () -> !isAlive())
                .ignoreExceptions().until(ready::getAsBoolean);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no flush, no commit. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** SIGTERM (a graceful stop), SIGKILL after 30 s. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private void waitForExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + pid() + ")" : " (not running)");
    }
}
