package org.tta.safety.support;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaStreamsCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Starts the worker with its clock off by {@code tta.test.clock-skew} (for example {@code PT2H}, {@code -PT2H}), as on
 * a machine whose clock is wrong: the injected clock and the time Kafka Streams runs on (punctuations and the
 * timestamps of a punctuation's store writes) alike. The broker keeps the real time. Advance the clock forward only:
 * Streams commits and punctuates once its time has moved on by an interval.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SkewedWorkerClock {

    @Bean
    StreamsBuilderFactoryBeanConfigurer streamsOnTheSkewedClock(MutableClock clock,
            @Value("${tta.test.clock-skew}") Duration skew) {
        clock.advance(skew);
        Time time = new ClockTime(clock);
        return factory -> factory.setKafkaStreamsCustomizer(new KafkaStreamsCustomizer() {
            @Override
            public KafkaStreams initKafkaStreams(Topology topology, Properties properties, KafkaClientSupplier clients) {
                return new KafkaStreams(topology, properties, clients, time);
            }

            @Override
            public void customize(KafkaStreams streams) {
            }
        });
    }

    /** Kafka's {@link Time} reading the wall clock from a {@link MutableClock}; durations stay on the monotonic clock. */
    static final class ClockTime implements Time {

        private final MutableClock clock;

        ClockTime(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public long milliseconds() {
            return clock.millis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long ms) {
            Utils.sleep(ms);
        }

        @Override
        public void waitObject(Object lock, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
            synchronized (lock) {
                while (!condition.get()) {
                    long now = milliseconds();
                    if (now >= deadlineMs) {
                        throw new TimeoutException("Condition not satisfied before deadline");
                    }
                    lock.wait(deadlineMs - now);
                }
            }
        }
    }
}
