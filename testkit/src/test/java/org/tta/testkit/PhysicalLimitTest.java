package org.tta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhysicalLimitTest {

    @TempDir
    Path dir;

    @Test
    void eachRunGivesTheScriptsResultLineForTheBootstrapItWasGiven() throws Exception {
        Path script = script("echo 'some progress line'; echo \"LIMIT records_per_s=1000 bootstrap=$1\"");

        assertThat(PhysicalLimit.measure(script, "localhost:1234", 2))
                .containsExactly("LIMIT records_per_s=1000 bootstrap=localhost:1234",
                        "LIMIT records_per_s=1000 bootstrap=localhost:1234");
    }

    @Test
    void aRunWithoutAResultLineFails() throws Exception {
        Path script = script("echo 'ProducerPerformance gave no result line' >&2");

        assertThatThrownBy(() -> PhysicalLimit.measure(script, "localhost:1234", 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("localhost:1234");
    }

    @Test
    void aRunThatFailsFailsEvenAfterPrintingAResultLine() throws Exception {
        Path script = script("echo 'LIMIT records_per_s=1000'; exit 3");

        assertThatThrownBy(() -> PhysicalLimit.measure(script, "localhost:1234", 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exit 3");
    }

    @Test
    void nothingIsMeasuredWithoutTheScriptProperty() throws Exception {
        assertThat(System.getProperty("bench.limit.script")).isNull();

        assertThat(PhysicalLimit.measure("localhost:1234", 3)).isEmpty();
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("kafka-perf.sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
