package org.tta.gateway.ops.lag;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Publishes each report as three gauges tagged {@code group}, {@code topic}, {@code partition}:
 * {@code tta.consumer.lag.records}, {@code tta.consumer.lag.seconds} and {@code tta.consumer.group.status}
 * ({@link GroupStatus#level()}). A group that could not be read and has no partitions yet reports its status
 * with {@code topic="-"} and {@code partition="-"}. Rows of partitions that disappeared are removed.
 */
final class LagMetrics {

    static final String LAG_RECORDS = "tta.consumer.lag.records";
    static final String LAG_SECONDS = "tta.consumer.lag.seconds";
    static final String GROUP_STATUS = "tta.consumer.group.status";

    private final MultiGauge records;
    private final MultiGauge seconds;
    private final MultiGauge status;

    LagMetrics(MeterRegistry registry) {
        records = MultiGauge.builder(LAG_RECORDS).description("Records a consumer group has yet to read")
                .register(registry);
        seconds = MultiGauge.builder(LAG_SECONDS)
                .description("Age of the first record a consumer group has yet to read (0 when idle, -1 unknown)")
                .register(registry);
        status = MultiGauge.builder(GROUP_STATUS)
                .description("Lag status: 0 OK, 1 WARNING, 2 STALLED, 3 STOPPED, 4 ERROR").register(registry);
    }

    void publish(LagReport report) {
        records.register(rows(report, p -> p.lagRecords()), true);
        seconds.register(rows(report, PartitionLag::lagSeconds), true);
        List<MultiGauge.Row<?>> statusRows = new ArrayList<>(rows(report, p -> p.status().level()));
        for (GroupLag group : report.groups()) {
            if (group.partitions().isEmpty()) {
                int level = group.status().level();
                statusRows.add(MultiGauge.Row.of(Tags.of("group", group.group(), "topic", "-", "partition", "-"), level));
            }
        }
        status.register(statusRows, true);
    }

    private static List<MultiGauge.Row<?>> rows(LagReport report, ToDoubleFunction<PartitionLag> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (GroupLag group : report.groups()) {
            for (PartitionLag partition : group.partitions()) {
                double v = value.applyAsDouble(partition);
                rows.add(MultiGauge.Row.of(Tags.of("group", group.group(), "topic", partition.topic(),
                        "partition", Integer.toString(partition.partition())), v));
            }
        }
        return rows;
    }
}
