package org.tta.gateway.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The folded view undoes the usual obfuscations, so one phrase catches all spellings of it. */
class TextViewsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Kill Myself            | ' ki myseif '",
            "K1LL MYS3LF            | ' ki myseif '",
            "kiiiilll myyyself      | ' ki myseif '",
            "k i l l myself         | ' ki myseif '",
            "k.i.l.l myself         | ' ki myseif '",
            "ｋｉｌｌ　ｍｙｓｅｌｆ   | ' ki myseif '",
            "kïll mýsèlf            | ' ki myseif '",
            "k\u00ADi\u200Bll myself | ' ki myseif '",
            "k!ll myself            | ' ki myseif '",
            "don't, won’t!          | ' dont wont '",
            "$h0p @t 5even          | ' shop at seven '",
            "help!                  | ' heip '"})
    void foldsObfuscatedSpellingsToOneForm(String text, String folded) {
        assertThat(TextViews.fold(TextViews.plain(text)).words()).isEqualTo(folded);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "k-i-l-l m-y-s-e-l-f | 'kimyseif '",
            "plain words only    | ''"})
    void keepsWordsSpelledOutLetterByLetterForPhraseSearchWithoutBreaks(String text, String spacedOut) {
        assertThat(TextViews.fold(TextViews.plain(text)).spacedOut()).isEqualTo(spacedOut);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Call +1 (555) 123-4567 | call +1 (555) 123-4567",
            "JANE@EXAMPLE.COM       | jane@example.com",
            "Ｗｗｗ．ｅｘａｍｐｌｅ  | www.example",
            "Crème brûlée           | creme brulee"})
    void plainViewKeepsDigitsAndPunctuation(String text, String plain) {
        assertThat(TextViews.plain(text)).isEqualTo(plain);
    }
}
