package org.tta.gateway.idempotency;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

/** Looks for an earlier attempt's committed records in Kafka (ADR 0013). */
interface WriteLookup {

    /**
     * Searches the partitions of {@code expected} from {@code since} for records tagged {@code tag}. Never blocks the
     * caller's thread, ends within the configured lookup timeout and never fails: an outcome that cannot be decided
     * is {@link Outcome.Unknown}.
     */
    Mono<Outcome> find(String tag, List<ExpectedRecord> expected, Instant since);

    /** What a lookup decided. */
    sealed interface Outcome {
        /** Every expected record is committed: the earlier attempt succeeded. */
        record Found(List<FoundRecord> records) implements Outcome {
        }

        /** No expected record is committed, and no undecided transaction below the searched end could hold one. */
        record NotFound() implements Outcome {
        }

        /**
         * Undecidable: Kafka unreachable, the lookup timed out, too many lookups at once, or only some records found.
         *
         * @param reason a short metric tag: {@code error}, {@code timeout}, {@code shed}, {@code partial}
         */
        record Unknown(String reason) implements Outcome {
        }
    }
}
