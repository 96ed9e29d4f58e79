package org.tta.gateway.ops.lag;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The monitor's one thread: scheduled evaluations and on-demand ones from the HTTP API both run here, so the
 * AdminClient and the fetch consumer never block an event loop and never run concurrently.
 */
final class LagScheduler implements SmartLifecycle {

    private final LagMonitor monitor;
    private final LagProperties properties;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tta-lag-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private final Scheduler scheduler = Schedulers.fromExecutorService(executor, "tta-lag-monitor");
    private volatile ScheduledFuture<?> task;

    LagScheduler(LagMonitor monitor, LagProperties properties) {
        this.monitor = monitor;
        this.properties = properties;
    }

    /** The latest report, evaluating first on the monitor thread if there has been none. */
    Mono<LagReport> currentOrEvaluate() {
        LagReport report = monitor.current();
        if (report != LagReport.EMPTY) {
            return Mono.just(report);
        }
        return Mono.fromCallable(monitor::evaluate).subscribeOn(scheduler);
    }

    @Override
    public void start() {
        long interval = properties.interval().toMillis();
        task = executor.scheduleWithFixedDelay(this::evaluateQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void evaluateQuietly() {
        try {
            monitor.evaluate();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the monitor already reports groups it cannot read.
            org.slf4j.LoggerFactory.getLogger(LagScheduler.class).warn("Lag evaluation failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = task;
        if (running != null) {
            running.cancel(false);
        }
        executor.shutdownNow();
        task = null;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
