package org.tta.gateway.publish;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.MonoSink;

/**
 * One {@code publishAll} call waiting in the queue. Whoever changes its state first wins: a
 * committer that {@link #claim claims} it will write it; a caller that gave up (timeout, cancel)
 * {@link #withdraw withdraws} it, and then no committer may write it any more.
 */
final class PendingPublish {

    private static final int QUEUED = 0;
    private static final int CLAIMED = 1;
    private static final int WITHDRAWN = 2;

    private final List<ProducerRecord<String, CloudEvent>> records;
    private final MonoSink<List<Published>> sink;
    private final AtomicInteger state = new AtomicInteger(QUEUED);

    PendingPublish(List<ProducerRecord<String, CloudEvent>> records, MonoSink<List<Published>> sink) {
        this.records = List.copyOf(records);
        this.sink = sink;
    }

    List<ProducerRecord<String, CloudEvent>> records() {
        return records;
    }

    int size() {
        return records.size();
    }

    /** True when this committer may write the records; false when the caller already gave up. */
    boolean claim() {
        return state.compareAndSet(QUEUED, CLAIMED);
    }

    /** True when the records will never be written; false when a committer already took them. */
    boolean withdraw() {
        return state.compareAndSet(QUEUED, WITHDRAWN);
    }

    void succeed(List<Published> published) {
        sink.success(published);
    }

    void fail(Throwable error) {
        sink.error(error);
    }
}
