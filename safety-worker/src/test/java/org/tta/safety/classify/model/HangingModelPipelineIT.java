package org.tta.safety.classify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.safety.support.Scans.aScan;
import static org.tta.safety.support.Scans.aSession;
import static org.tta.safety.support.Scans.await;
import static org.tta.safety.support.Scans.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tta.safety.support.Messages;
import org.tta.safety.support.SafetyWorkerIntegrationTest;
import org.tta.safety.support.WorkerOutputs;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * The external moderation model hangs (it answers only when the test ends): the running topology still decides every
 * scan of a session, in order, with the rules alone, says the model was unavailable, and escalates the crisis.
 */
@SafetyWorkerIntegrationTest
class HangingModelPipelineIT {

    private static final ModelServer MODEL = hangingModel();

    @Autowired
    TopicCatalog topics;
    @RegisterExtension
    final WorkerOutputs outputs = new WorkerOutputs();

    @DynamicPropertySource
    static void theModelIsEnabledAndHangs(DynamicPropertyRegistry registry) {
        registry.add("tta.safety.model.enabled", () -> "true");
        registry.add("tta.safety.model.url", () -> MODEL.url().toString());
        registry.add("tta.safety.model.timeout", () -> "300ms");
    }

    @AfterAll
    static void releaseTheModel() {
        MODEL.close();
    }

    @Test
    void aHangingModelNeitherBlocksThePartitionNorStopsTheEscalation() {
        String session = aSession();
        List<String> texts = List.of(Messages.SAFE, Messages.HIGH, Messages.SAFE, Messages.SAFE, Messages.SAFE, Messages.SAFE);
        texts.forEach(text -> send(topics.name(TopicId.SAFETY_SCANS), aScan(session, text)));

        List<SafetyVerdict> decided = await(outputs.verdicts(), session, texts.size(), SafetyVerdict.class);
        SafetyEscalation opened = await(outputs.escalations(), session, 1, SafetyEscalation.class).getFirst();

        assertThat(decided).extracting(SafetyVerdict::tier).containsExactly("none", "high", "none", "none", "none", "none");
        assertThat(decided).extracting(SafetyVerdict::model).containsOnly("unavailable");
        assertThat(decided).extracting(SafetyVerdict::outcome).containsOnly(SafetyVerdict.OUTCOME_CLASSIFIED);
        assertThat(opened.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        assertThat(opened.escalationId()).isEqualTo(decided.get(1).escalationId());
        assertThat(MODEL.requests()).as("the model was called, and hung").isPositive();
    }

    private static ModelServer hangingModel() {
        try {
            return new ModelServer().mode(ModelServer.Mode.HANG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
