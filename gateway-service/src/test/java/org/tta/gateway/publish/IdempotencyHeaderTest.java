package org.tta.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

/** The tta-idempotency header: stamped with the request's tag and index, and read back only for that tag. */
class IdempotencyHeaderTest {

    private static final String TAG = "ab12cd";

    @Test
    void stampsEveryRecordOfAGuardedCallWithItsTagAndIndex() {
        List<ProducerRecord<String, CloudEvent>> records = List.of(aRecord(), aRecord(), aRecord());

        IdempotencyHeader.stamp(records, IdempotencyHeader.context(TAG));

        assertThat(records).extracting(r -> IdempotencyHeader.indexOf(r.headers().lastHeader(IdempotencyHeader.NAME), TAG))
                .containsExactly(0, 1, 2);
    }

    @Test
    void leavesRecordsOfAnUnguardedCallWithoutTheHeader() {
        ProducerRecord<String, CloudEvent> record = aRecord();

        IdempotencyHeader.stamp(List.of(record), Context.empty());

        assertThat(record.headers().lastHeader(IdempotencyHeader.NAME)).isNull();
    }

    @Test
    void doesNotTakeAnotherRequestsHeaderForThisOne() {
        assertThat(IdempotencyHeader.indexOf(header("ab12cdef/0"), TAG)).isEqualTo(-1);
        assertThat(IdempotencyHeader.indexOf(header("ab12cd/"), TAG)).isEqualTo(-1);
        assertThat(IdempotencyHeader.indexOf(header("ab12cd/x"), TAG)).isEqualTo(-1);
        assertThat(IdempotencyHeader.indexOf(null, TAG)).isEqualTo(-1);
        assertThat(IdempotencyHeader.indexOf(header("ab12cd/12"), TAG)).isEqualTo(12);
    }

    private static RecordHeader header(String value) {
        return new RecordHeader(IdempotencyHeader.NAME, value.getBytes(StandardCharsets.US_ASCII));
    }

    private static ProducerRecord<String, CloudEvent> aRecord() {
        return new ProducerRecord<>("tta.session.events.v1", "s1", null);
    }
}
