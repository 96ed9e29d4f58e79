package org.tta.safety.classify.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.tta.safety.classify.Category;

/** The weights file is read back as written, and anything else is refused naming the file and the problem. */
class LinearModelFileTest {

    private static LinearModel small(float threshold, List<Category> categories, int... buckets) {
        float[][] rows = new float[buckets.length][categories.size() + 1];
        for (int r = 0; r < rows.length; r++) {
            Arrays.fill(rows[r], 0.25f * (r + 1));
        }
        return new LinearModel(new LinearModel.Header("linear-abc", "abc", 3, threshold, 0.9f, 0.91f, 0.5f), categories,
                -1.5f, new float[categories.size()], buckets, rows);
    }

    @Test
    void readsBackWhatItWrote() {
        LinearModel model = small(0.8f, List.of(Category.SELF_HARM, Category.SUICIDAL_IDEATION), 3, 200, 70_000);

        LinearModel read = LinearModelFile.read(LinearModelFile.write(model), "test");

        assertThat(read.header()).isEqualTo(model.header());
        assertThat(read.categories()).isEqualTo(model.categories());
        assertThat(read.buckets()).containsExactly(3, 200, 70_000);
        assertThat(read.rows()[2]).containsExactly(0.75f, 0.75f, 0.75f);
        assertThat(LinearModelFile.write(read)).isEqualTo(LinearModelFile.write(model));
    }

    @Test
    void refusesANonEscalatingCategoryAThresholdOutOfRangeATruncatedFileAndTrailingBytes() {
        assertThatThrownBy(() -> LinearModelFile.read(LinearModelFile.write(
                small(0.8f, List.of(Category.THIRD_PARTY_CONCERN), 1)), "model/x.bin"))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessage("Statistical signal weights model/x.bin are invalid: category 'third_party_concern' does not escalate");
        assertThatThrownBy(() -> LinearModelFile.read(LinearModelFile.write(small(1.0f, List.of(Category.SELF_HARM), 1)), "x"))
                .hasMessageEndingWith("threshold 1.0 outside (0, 1)");
        byte[] good = LinearModelFile.write(small(0.8f, List.of(Category.SELF_HARM), 1, 2));
        assertThatThrownBy(() -> LinearModelFile.read(Arrays.copyOf(good, good.length - 1), "x")).hasMessageEndingWith("truncated");
        assertThatThrownBy(() -> LinearModelFile.read(Arrays.copyOf(good, good.length + 1), "x"))
                .hasMessageEndingWith("bytes after the last row");
        assertThatThrownBy(() -> LinearModelFile.read("not weights".getBytes(), "x")).isInstanceOf(InvalidModelFileException.class);
    }

    @Test
    void failsToLoadAMissingFileNamingIt() {
        assertThatThrownBy(() -> LinearModelFile.load(new ByteArrayResource(new byte[0]) {
            @Override
            public boolean exists() {
                return false;
            }
        }, "classpath:model/none.bin")).hasMessage("Statistical signal weights classpath:model/none.bin are invalid: not found");
    }
}
