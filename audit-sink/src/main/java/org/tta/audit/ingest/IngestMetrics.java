package org.tta.audit.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.tta.audit.store.AuditRecordStore.AppendResult;

/** The meters of the ingest path, registered up front so that dashboards see zeros, not gaps. */
@Component
class IngestMetrics {

    private final Counter stored;
    private final Counter duplicates;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Timer writeSucceeded;
    private final Timer writeFailed;

    IngestMetrics(MeterRegistry meters) {
        this.stored = Counter.builder("tta.audit.stored")
                .description("Audit records written to PostgreSQL for the first time").register(meters);
        this.duplicates = Counter.builder("tta.audit.duplicates")
                .description("Audit records skipped because their event id was already stored (redeliveries)")
                .register(meters);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("tta.audit.rejected")
                    .description("Kafka records that could not be decoded or validated as audit records")
                    .tag("reason", reason.tag()).register(meters));
        }
        this.writeSucceeded = writeTimer(meters, "success");
        this.writeFailed = writeTimer(meters, "failure");
    }

    private static Timer writeTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("tta.audit.batch.write")
                .description("Time to write one consumed batch to PostgreSQL in one transaction")
                .tag("outcome", outcome).register(meters);
    }

    /** Runs the write and times it under its outcome; an exception passes through unchanged. */
    AppendResult timeWrite(Supplier<AppendResult> write) {
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            AppendResult result = write.get();
            succeeded = true;
            return result;
        } finally {
            (succeeded ? writeSucceeded : writeFailed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    void written(AppendResult result) {
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
    }

    void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }
}
