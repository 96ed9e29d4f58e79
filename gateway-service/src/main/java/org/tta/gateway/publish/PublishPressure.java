package org.tta.gateway.publish;

/**
 * How loaded the Kafka write path is, for load shedding: 0 when idle, 1 when saturated (queue
 * full, or the circuit breaker open). Rate limiting reads it to shed the lowest-priority traffic
 * first while Kafka is backpressured.
 */
public interface PublishPressure {

    double utilization();
}
