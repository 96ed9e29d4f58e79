package org.tta.gateway.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tta.gateway.fuzz.FuzzRun;
import org.tta.gateway.fuzz.Mutator;

/** Fuzzes the resume-position parser: a position it accepts prints back as given; anything else is refused as invalid. */
class PositionFuzzTest {

    @Test
    void anyTextIsEitherAPositionThatPrintsBackOrAnInvalidPosition() {
        FuzzRun run = FuzzRun.of(20_000);
        Mutator texts = Mutator.ofText(run.seed(), List.of("0-0", "7-42", "999999-9223372036854775807", "1-01",
                "-1-5", "2147483648-1"));
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < run.iterations(); i++) {
            String text = texts.nextText();
            try {
                Position position = Position.parse(text);
                assertThat(position.toString()).as("'%s' (%s)", text, run.replay()).isEqualTo(text);
                parsed++;
            } catch (InvalidPositionException e) {
                refused++;
            } catch (RuntimeException e) {
                fail("'%s' (%s) threw %s", text, run.replay(), e);
            }
        }
        assertThat(parsed).as(run.replay()).isPositive();
        assertThat(refused).as(run.replay()).isPositive();
    }
}
