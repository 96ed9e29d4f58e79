package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress(new TopicPartition("in", 0));

    @Test
    void commitsNothingPastTheOldestRecordWithAnOpenJob() {
        progress.add(10, "a", outputs("a10"), 0);
        PendingRecord open = progress.add(11, "b", outputs("b11"), 1);
        progress.add(12, "a", outputs("a12"), 0);

        List<ProducerRecord<String, byte[]>> taken = new ArrayList<>();
        assertThat(progress.takeFinished(taken)).isEqualTo(11);
        assertThat(taken).extracting(ProducerRecord::topic).containsExactly("a10");
        assertThat(progress.takeFinished(taken)).isEqualTo(-1);
        assertThat(progress.pending()).isEqualTo(2);

        open.jobEnded(new ProducerRecord<>("dlq-b11", "b", null));
        taken.clear();
        assertThat(progress.takeFinished(taken)).isEqualTo(13);
        assertThat(taken).extracting(ProducerRecord::topic).containsExactly("b11", "dlq-b11", "a12");
        assertThat(progress.pending()).isZero();
    }

    @Test
    void countsTheFinishedRecordsAtTheHeadAsWhatTheNextCommitTakes() {
        progress.add(1, "a", outputs("a1"), 0);
        PendingRecord open = progress.add(2, "b", outputs("b2"), 1);
        progress.add(3, "a", outputs("a3"), 0);
        assertThat(progress.finishedPrefix()).isEqualTo(1);

        open.jobEnded(null);

        assertThat(progress.finishedPrefix()).isEqualTo(3);
        progress.takeFinished(new ArrayList<>());
        assertThat(progress.finishedPrefix()).isZero();
    }

    @Test
    void forgetsItsRecordsWhenThePartitionIsDroppedSoLateCompletionsAreIgnored() {
        PendingRecord open = progress.add(5, "a", outputs("a5"), 1);
        progress.drop();

        assertThat(open.live()).isFalse();
        assertThat(progress.takeFinished(new ArrayList<>())).isEqualTo(-1);
    }

    private static List<ProducerRecord<String, byte[]>> outputs(String topic) {
        List<ProducerRecord<String, byte[]>> outputs = new ArrayList<>();
        outputs.add(new ProducerRecord<>(topic, "k", null));
        return outputs;
    }
}
