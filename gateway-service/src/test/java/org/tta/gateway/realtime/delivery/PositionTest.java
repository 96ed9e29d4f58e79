package org.tta.gateway.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void roundTripsPartitionAndOffset() {
        assertThat(Position.parse("2-41")).isEqualTo(new Position(2, 41));
        assertThat(new Position(2, 41)).hasToString("2-41");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1", "-1-2", "1--2", "01-2", "1-02", "1-2-3", "1 -2", "9999999-1", "1-99999999999999999999"})
    void rejectsWhatIsNotAPosition(String text) {
        assertThatThrownBy(() -> Position.parse(text)).isInstanceOf(InvalidPositionException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Position.parse(null)).isInstanceOf(InvalidPositionException.class);
    }
}
