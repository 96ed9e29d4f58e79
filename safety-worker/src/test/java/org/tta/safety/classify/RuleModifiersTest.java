package org.tta.safety.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How the shipped rules read context: negation, hypotheticals, quotation, third parties, past and recovery, tiers. */
class RuleModifiersTest {

    private static final Classifier CLASSIFIER = Fixtures.rulesOnlyClassifier();

    record Case(String text, Category category, Tier tier) {
    }

    static Stream<Case> columbiaTiers() {
        return Stream.of(
                new Case("I wish I could sleep and not wake up", Category.SUICIDAL_IDEATION, Tier.LOW),
                new Case("I want to die", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("I want to kill myself", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("what's the most painless way to die", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("I have the pills and I'm taking them tonight", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("I took all my pills", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT),
                new Case("quiero morir", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("me voy a matar esta noche", Category.SUICIDAL_IDEATION, Tier.IMMINENT));
    }

    static Stream<Case> negationAndHypotheticals() {
        return Stream.of(
                new Case("I would never hurt myself", Category.NONE, Tier.NONE),
                new Case("not suicidal", Category.NONE, Tier.NONE),
                new Case("I don't want to die", Category.NONE, Tier.NONE),
                new Case("I'm not okay and I want to die", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("I can't stop thinking about killing myself", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("what if someone wanted to kill themselves?", Category.NONE, Tier.NONE),
                new Case("what if I just killed myself", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("in the movie the main character wants to kill himself", Category.NONE, Tier.NONE),
                new Case("no quiero morir", Category.NONE, Tier.NONE));
    }

    static Stream<Case> quotationAndThirdParties() {
        return Stream.of(
                new Case("the song goes \"I want to die\"", Category.NONE, Tier.NONE),
                new Case("I keep thinking 'I want to die'", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("my friend texted me 'I want to kill myself'", Category.THIRD_PARTY_CONCERN, Tier.MODERATE),
                new Case("my friend said she wants to die", Category.THIRD_PARTY_CONCERN, Tier.MODERATE),
                new Case("my brother took too many pills", Category.THIRD_PARTY_CONCERN, Tier.MODERATE),
                new Case("my dad hits my mom", Category.THIRD_PARTY_CONCERN, Tier.MODERATE),
                new Case("my dad hits me", Category.ABUSE_DISCLOSURE, Tier.MODERATE),
                new Case("she makes me want to die", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("mi amiga dice que quiere morir", Category.THIRD_PARTY_CONCERN, Tier.MODERATE));
    }

    static Stream<Case> thirdPartyEmergencies() {
        return Stream.of(
                new Case("my roommate took a bunch of pills and won't wake up", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("my friend posted a goodbye message and isn't answering", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("my sister just texted me goodbye and her phone is off now", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("a kid in my class said he's going to bring a gun tomorrow", Category.THIRD_PARTY_EMERGENCY, Tier.HIGH),
                new Case("my friend told me she has a plan to kill herself on friday", Category.THIRD_PARTY_EMERGENCY, Tier.HIGH),
                new Case("my friend says he's going to jump off the parking garage", Category.THIRD_PARTY_EMERGENCY, Tier.HIGH),
                new Case("my friend is on the ledge of the bridge right now", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("my dad is passed out and not breathing", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("mi amiga se tomó todas sus pastillas y no responde", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT));
    }

    static Stream<Case> thirdPartyReportsWithoutDangerNow() {
        return Stream.of(
                new Case("my roommate says he's going to kill himself", Category.THIRD_PARTY_CONCERN, Tier.MODERATE),
                new Case("my brother took too many pills last night", Category.THIRD_PARTY_CONCERN, Tier.MODERATE),
                new Case("a kid in my class said he's going to bring a gun", Category.THIRD_PARTY_CONCERN, Tier.MODERATE),
                new Case("my friend tried to jump off a bridge years ago", Category.THIRD_PARTY_CONCERN, Tier.LOW),
                new Case("my friend would never take all her pills tonight", Category.NONE, Tier.NONE),
                new Case("my roommate took a nap and won't wake up for dinner lol", Category.NONE, Tier.NONE),
                new Case("mi amigo se quiere suicidar", Category.THIRD_PARTY_CONCERN, Tier.MODERATE));
    }

    static Stream<Case> typosChatSpellingsAndSlang() {
        return Stream.of(
                new Case("i want 2 kil myslf", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("gonna kill myslef tonite", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("thinkin bout killin myself", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("i think about suicde every day", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("ganas de suicidrme", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("tryna off myself", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("finna off myself", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("wanna end it all fr", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("I do not want to live anymore", Category.SUICIDAL_IDEATION, Tier.MODERATE),
                new Case("the rope's ready", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                // a slip only counts for listed crisis words: these are other words one slip away
                new Case("I'm overdoing it at the gym", Category.NONE, Tier.NONE),
                new Case("así me ahorro el taxi hoy", Category.NONE, Tier.NONE));
    }

    static Stream<Case> plansWithATimeOrNothingAfterThem() {
        return Stream.of(
                new Case("planning to end it this weekend", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("I'm planning on killing myself on saturday", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("tonight I'm going to kill myself", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("esta noche me voy a colgar", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("I've decided how and when.", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("ya sé cómo hacerlo", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("I'm planning to end it with my boyfriend this weekend", Category.NONE, Tier.NONE),
                new Case("we're going to end it early tonight, the party I mean", Category.NONE, Tier.NONE),
                new Case("I've decided how and when to tell my parents", Category.NONE, Tier.NONE),
                new Case("I know how I'm going to do it, I'll use watercolors", Category.NONE, Tier.NONE),
                new Case("me voy a matar de risa hoy", Category.NONE, Tier.NONE));
    }

    static Stream<Case> meansReadyGoodbyesAndLastWords() {
        return Stream.of(
                new Case("I've got the noose ready", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("bye everyone, I'm sorry for everything", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("these are my last words", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("my letters for everyone are on the kitchen table", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("I took a whole box of my sleeping pills", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT),
                new Case("me tomé unas 20 pastillas", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT),
                new Case("I have the rope ready for the climbing trip", Category.NONE, Tier.NONE),
                new Case("the glue gun is loaded", Category.NONE, Tier.NONE),
                new Case("goodbye everyone, see you tomorrow", Category.NONE, Tier.NONE),
                new Case("this is the last time you'll hear from me until monday", Category.NONE, Tier.NONE),
                new Case("I overdosed on netflix this weekend", Category.NONE, Tier.NONE),
                new Case("I'm going to shoot some photos tonight", Category.NONE, Tier.NONE),
                new Case("i wanna die of boredom in this meeting", Category.NONE, Tier.NONE));
    }

    static Stream<Case> pastAndRecovery() {
        return Stream.of(
                new Case("I used to cut myself, I've been clean for 2 years", Category.SELF_HARM, Tier.LOW),
                new Case("I tried to kill myself years ago", Category.SUICIDAL_IDEATION, Tier.LOW),
                new Case("I was clean for a year but I relapsed and cut myself last night", Category.SELF_HARM, Tier.MODERATE),
                new Case("solía cortarme, llevo dos años sin hacerlo", Category.SELF_HARM, Tier.LOW));
    }

    static Stream<Case> safeButAlarming() {
        return Stream.of(
                new Case("this homework is killing me", Category.NONE, Tier.NONE),
                new Case("I could murder a pizza", Category.NONE, Tier.NONE),
                new Case("the game's boss killed me", Category.NONE, Tier.NONE),
                new Case("dead tired", Category.NONE, Tier.NONE),
                new Case("I'm gonna kill my brother if he eats my fries again", Category.NONE, Tier.NONE),
                new Case("I cut myself shaving", Category.NONE, Tier.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columbiaTiers")
    void tiersFollowColumbiaLoosely(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negationAndHypotheticals")
    void negationAndHypotheticalsDropTheSignalInTheirScopeOnly(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotationAndThirdParties")
    void quotationsAndOtherPeopleAreNotTheAuthorsCrisis(Case c) {
        assertClassifiedAs(c);
        if (c.category() == Category.THIRD_PARTY_CONCERN) {
            assertThat(CLASSIFIER.classify(Fixtures.aMessage(c.text())).tier().escalates()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thirdPartyEmergencies")
    void someoneElsesLifeInDangerNowIsAThirdPartyEmergencyThatEscalates(Case c) {
        assertClassifiedAs(c);
        assertThat(CLASSIFIER.classify(Fixtures.aMessage(c.text())).tier().escalates()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thirdPartyReportsWithoutDangerNow")
    void aReportedWishIntentOrPastActWithoutDangerNowStaysAConcernThatDoesNotEscalate(Case c) {
        assertClassifiedAs(c);
        assertThat(CLASSIFIER.classify(Fixtures.aMessage(c.text())).tier().escalates()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typosChatSpellingsAndSlang")
    void typingSlipsOfCrisisWordsChatSpellingsAndSlangStillMatch(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plansWithATimeOrNothingAfterThem")
    void aPlanWithATimeOrThatNamesNothingElseIsIntentAndEverydayPlansAreNot(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meansReadyGoodbyesAndLastWords")
    void meansMadeReadyLastGoodbyesAndLettersLeftAreCrisesAndTheirEverydayTwinsAreNot(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pastAndRecovery")
    void pastAndRecoveryLowerTheTierUnlessARelapseIsMentioned(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("safeButAlarming")
    void everydayViolentWordsAreNotACrisis(Case c) {
        assertClassifiedAs(c);
    }

    private static void assertClassifiedAs(Case c) {
        Classification result = CLASSIFIER.classify(Fixtures.aMessage(c.text()));
        assertThat(result.category()).as("category of '%s' (signals %s)", c.text(), result.signals()).isEqualTo(c.category());
        assertThat(result.tier()).as("tier of '%s' (signals %s)", c.text(), result.signals()).isEqualTo(c.tier());
        assertThat(result.signals()).allSatisfy(s -> assertThat(s.ruleId()).doesNotContain(" "));
    }
}
