package org.tta.gateway.idempotency;

import java.util.List;
import java.util.function.Function;

/**
 * Where a keyed action's records land in Kafka and how its answer is rebuilt from them: what lets a retry whose
 * first attempt's outcome is unknown find that attempt's committed write and answer with its result instead of
 * writing again (ADR 0013). Built from the same request as the action, before the action runs.
 *
 * @param <T> the action's result
 */
public interface WriteLocator<T> {

    /**
     * The records that identify the write and carry what its answer needs. The action writes them in one Kafka
     * transaction with the rest of its records, so finding them proves the whole write committed.
     */
    List<ExpectedRecord> expected();

    /** The answer the first attempt gave (or would have given), from its committed records, in {@link #expected()} order. */
    T answerFrom(List<FoundRecord> found);

    /** A locator of these records whose answer is {@code answer} applied to them. */
    static <T> WriteLocator<T> of(List<ExpectedRecord> expected, Function<List<FoundRecord>, T> answer) {
        List<ExpectedRecord> records = List.copyOf(expected);
        return new WriteLocator<>() {
            @Override
            public List<ExpectedRecord> expected() {
                return records;
            }

            @Override
            public T answerFrom(List<FoundRecord> found) {
                return answer.apply(found);
            }
        };
    }
}
