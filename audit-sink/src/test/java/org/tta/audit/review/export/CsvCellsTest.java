package org.tta.audit.review.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "=HYPERLINK(\"http://evil\")|\"'=HYPERLINK(\"\"http://evil\"\")\"",
            "+1+1|\"'+1+1\"",
            "-2+3|\"'-2+3\"",
            "@SUM(A1)|\"'@SUM(A1)\"",
            "plain text|\"plain text\"",
            "a,b|\"a,b\"",
            "say \"hi\"|\"say \"\"hi\"\"\""})
    void quotesEveryCellAndDefusesFormulas(String value, String expected) {
        assertThat(CsvCells.cell(value)).isEqualTo(expected);
    }

    @Test
    void defusesFormulasAfterLeadingControlCharacters() {
        assertThat(CsvCells.cell("\t=1+1")).isEqualTo("\"'\t=1+1\"");
        assertThat(CsvCells.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
    }

    @Test
    void keepsLineBreaksInsideTheQuotedCell() {
        assertThat(CsvCells.line("two\nlines", null, 42L, Instant.parse("2026-11-22T00:00:00Z")))
                .isEqualTo("\"two\nlines\",,\"42\",\"2026-11-22T00:00:00Z\"\r\n");
    }
}
