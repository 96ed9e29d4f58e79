package org.tta.gateway.ops.lag;

import java.time.Instant;
import java.util.List;

/** One evaluation of every monitored consumer group. */
public record LagReport(Instant evaluatedAt, List<GroupLag> groups) {

    static final LagReport EMPTY = new LagReport(Instant.EPOCH, List.of());
}
