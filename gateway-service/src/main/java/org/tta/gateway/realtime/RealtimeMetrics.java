package org.tta.gateway.realtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code tta.gateway.realtime.connections} (gauge), {@code .messages.out}, {@code .buffer.drops},
 * {@code .closes} (tag {@code code}), {@code .write.stalls} (connections dropped because a write waited
 * longer than {@code write-stall-timeout}), all tagged {@code transport} (websocket, sse) where it applies;
 * resumes are counted by {@code DeliveryHistory} ({@code tta.gateway.realtime.resumes}, tags {@code outcome} and
 * {@code source}: cache or kafka), the history cache's writes, misses and holes by the cache itself.
 */
@Component
public class RealtimeMetrics {

    private final MeterRegistry meters;

    RealtimeMetrics(MeterRegistry meters, SessionHub hub) {
        this.meters = meters;
        Gauge.builder("tta.gateway.realtime.connections", hub, SessionHub::size).register(meters);
    }

    public void sent(String transport) {
        meters.counter("tta.gateway.realtime.messages.out", "transport", transport).increment();
    }

    public void bufferDrop(String transport) {
        meters.counter("tta.gateway.realtime.buffer.drops", "transport", transport).increment();
    }

    public void writeStalled(String transport) {
        meters.counter("tta.gateway.realtime.write.stalls", "transport", transport).increment();
    }

    public void closed(String transport, int code) {
        meters.counter("tta.gateway.realtime.closes", "transport", transport, "code", Integer.toString(code)).increment();
    }

    public void rejected(String reason) {
        meters.counter("tta.gateway.realtime.rejections", "reason", reason).increment();
    }
}
