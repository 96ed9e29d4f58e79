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

    // Mechanisms added against held-out batch 5 (rules 2026.12.3), each with everyday twins that must stay calm.
    static Stream<Case> spelledOutMeansMadeReadyAndNotBeingAround() {
        return Stream.of(
                new Case("im going to k m s tonight, i cant anymore", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("gonna self delete this weekend", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("the belt is already tied to the door hinge", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("the rope is already tied to the boat, we can leave", Category.NONE, Tier.NONE),
                new Case("the rope is tied to the fence so the gate stays shut", Category.NONE, Tier.NONE),
                new Case("the pills are ready for tonight", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("the knife is ready for the turkey tonight", Category.NONE, Tier.NONE),
                new Case("i got the belt tonight at karate!", Category.NONE, Tier.NONE),
                new Case("gave my cat to my neighbour, not planning on being around much longer", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("won't be around after tonight", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("won't be around after today, road trip with my cousins", Category.NONE, Tier.NONE),
                new Case("gracias por todo. cuiden a mi gato cuando ya no esté", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("cuiden a mi gato cuando ya no esté en casa este verano", Category.NONE, Tier.NONE),
                new Case("dejé cartas para mi papá en mi escritorio. perdón por todo", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("les dejé cartas de navidad en el escritorio", Category.NONE, Tier.NONE),
                new Case("dejé cartas en la mesa para los invitados de la boda", Category.NONE, Tier.NONE),
                new Case("bought charcoal and tape to seal the bathroom", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("bought charcoal for the bbq on saturday", Category.NONE, Tier.NONE),
                new Case("compré carbón para sellar el cuarto", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("compré carbón para la carne asada", Category.NONE, Tier.NONE),
                new Case("i want to die and keep checking how much insulin it would take", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("how much flour would it take for two cakes", Category.NONE, Tier.NONE),
                new Case("i know where i'd go so nobody finds me in time", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("found a hiding spot so nobody finds me in time, hide and seek champion", Category.NONE, Tier.NONE));
    }

    static Stream<Case> woundsActsUnderWayOverdoseCountsAndBodySigns() {
        return Stream.of(
                new Case("i cut my arm and it wont stop bleeding", Category.SELF_HARM, Tier.IMMINENT),
                new Case("i cut my leg shaving and it keeps bleeding", Category.NONE, Tier.NONE),
                new Case("burned my wrist again and now there are blisters", Category.SELF_HARM, Tier.HIGH),
                new Case("burned my arm on the oven and now there are blisters", Category.NONE, Tier.NONE),
                new Case("c u t t i n g right now", Category.SELF_HARM, Tier.IMMINENT),
                new Case("cutting onions right now, my eyes", Category.NONE, Tier.NONE),
                new Case("i need to cut so bad, there's a razor hidden in my drawer", Category.SELF_HARM, Tier.HIGH),
                new Case("me estoy cortando ahorita con la navaja", Category.SELF_HARM, Tier.IMMINENT),
                new Case("me estoy quemando con el sol en la playa", Category.NONE, Tier.NONE),
                new Case("me volví a cortar y no deja de sangrar", Category.SELF_HARM, Tier.IMMINENT),
                new Case("took 30 of my sertraline an hour ago", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT),
                new Case("took 2 tylenol, is it ok to take another one later?", Category.NONE, Tier.NONE),
                new Case("took 3 advil for cramps", Category.NONE, Tier.NONE),
                new Case("me tomé 20 clonazepam", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT),
                new Case("tomé dos ibuprofeno para el dolor", Category.NONE, Tier.NONE),
                new Case("mixed bars and lean and now i cant keep my eyes open", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT),
                new Case("hoy le voy a meter la navaja a ese", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("sugar is 40 and im shaking", Category.MEDICAL_EMERGENCY, Tier.IMMINENT),
                new Case("sugar is 140 after lunch", Category.NONE, Tier.NONE),
                new Case("me duele el pecho y me falta el aire", Category.MEDICAL_EMERGENCY, Tier.IMMINENT));
    }

    static Stream<Case> hidingThreatsAndSomeoneElsesDangerNow() {
        return Stream.of(
                new Case("he's drunk, i locked myself in my room and he's banging on the door", Category.ABUSE_DISCLOSURE, Tier.IMMINENT),
                new Case("locked myself in my room to study for finals", Category.NONE, Tier.NONE),
                new Case("está borracho y trae una pistola, me escondí en el baño", Category.ABUSE_DISCLOSURE, Tier.IMMINENT),
                new Case("me escondí en el baño jugando a las escondidas", Category.NONE, Tier.NONE),
                new Case("he said if i tell anyone he'll kill me", Category.ABUSE_DISCLOSURE, Tier.HIGH),
                new Case("my sister said if i tell anyone about the surprise party she'll kill me", Category.NONE, Tier.NONE),
                new Case("my stepdad hits me. i can hear him on the stairs", Category.ABUSE_DISCLOSURE, Tier.IMMINENT),
                new Case("i can hear him on the stairs, my dad is home early", Category.NONE, Tier.NONE),
                new Case("my neighbour is screaming for help", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("the kids in the haunted house were screaming for help lol", Category.NONE, Tier.NONE),
                new Case("my brother is in the garage with the car running", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("dad is warming up the car in the garage with the engine running", Category.NONE, Tier.NONE),
                new Case("my cousin drank bleach", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("my friend sent a pic of her holding a knife and wrote goodbye", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("my friend sent a pic of her holding a trophy, bye for now", Category.NONE, Tier.NONE),
                new Case("mi vecina está gritando, se oyen los golpes desde aquí", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("se oyen los golpes del vecino martillando", Category.NONE, Tier.NONE),
                new Case("mi mamá dice que la voy a matar de un coraje", Category.NONE, Tier.NONE),
                new Case("parked outside his house. knife in my lap.", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("parked outside her house to pick her up for our date", Category.NONE, Tier.NONE),
                new Case("im gonna stab him after school, the knife is in my backpack", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("my lips are going blue", Category.MEDICAL_EMERGENCY, Tier.IMMINENT));
    }

    /** Rules 2026.12.4 (batch 6): each mechanism with a new wording of its crisis and an everyday twin. */
    static Stream<Case> preparationsPlacesGoodbyesAndOthersInDanger() {
        return Stream.of(
                new Case("gave my playstation to my brother yesterday, wont need it after tonight", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("gave my old textbooks to my cousin, wont need them after graduation", Category.NONE, Tier.NONE),
                new Case("s-u-i-c-i-d-e is the only option left", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("suicide is the only way out for the villain in the book", Category.NONE, Tier.NONE),
                new Case("been hoarding my seroquel for weeks, taking them all after everyone goes to bed", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("been collecting vitamin samples, gonna take them all when i travel", Category.NONE, Tier.NONE),
                new Case("sitting in my car on the top floor of the parking garage deciding whether to jump", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("at the pool deciding whether to jump off the high board", Category.NONE, Tier.NONE),
                new Case("i know exactly how and when", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("i know exactly how i'm going to do it, the bathroom tiles first", Category.NONE, Tier.NONE),
                new Case("planning to kill myself on saturday, already got the pills", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("planning a bbq on saturday, already bought the rope for the tent", Category.NONE, Tier.NONE),
                new Case("hid the pills in my sock drawer so nobody finds them before tonight", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("hid the knife from the toddler tonight", Category.NONE, Tier.NONE),
                new Case("wrote the note and deleted my accounts", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("wrote the note for my teacher and deleted my accounts for a detox", Category.NONE, Tier.NONE),
                new Case("please forgive me. goodbye", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("sorry for everything i said at the party. goodbye and see you monday", Category.NONE, Tier.NONE),
                new Case("the urge to self harm is so bad rn, the blade is right here", Category.SELF_HARM, Tier.HIGH),
                new Case("i need to cut my hair so bad rn", Category.NONE, Tier.NONE),
                new Case("cut again tonight, deeper than last time", Category.SELF_HARM, Tier.HIGH),
                new Case("we dug the hole deeper than last time and cut the roots", Category.NONE, Tier.NONE),
                new Case("i'm gonna shoot my boss when he walks in, gun's in my car", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("gonna shoot my cousin's wedding tomorrow", Category.NONE, Tier.NONE),
                new Case("gonna shoot up the mall tmrw, stay home", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("parked outside my boss's house with a knife", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("parked outside my boss's house to drop off the cake", Category.NONE, Tier.NONE),
                new Case("i wnt t kll myslf", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("i have the pills from the pharmacy, taking one tonight", Category.NONE, Tier.NONE),
                new Case("my sister's plan to end it this weekend", Category.THIRD_PARTY_EMERGENCY, Tier.HIGH),
                new Case("my plan to end it this weekend", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("my roommate took all his xanax an hour ago", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("my nephew got into grandma's pills, he's 2", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("my dog got into my mom's pills", Category.NONE, Tier.NONE),
                new Case("i'm allergic to shrimp and ate some by mistake, my tongue is swelling", Category.MEDICAL_EMERGENCY, Tier.IMMINENT),
                new Case("my throat feels tight before every presentation", Category.NONE, Tier.NONE),
                new Case("my chest feels crushed and my jaw hurts", Category.MEDICAL_EMERGENCY, Tier.IMMINENT),
                new Case("half my face went numb and i can't talk", Category.MEDICAL_EMERGENCY, Tier.IMMINENT),
                new Case("my therapist asked if i ever hurt myself and i said no", Category.NONE, Tier.NONE),
                new Case("mañana me lanzo del edificio", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("hoy me aviento del puente en bungee", Category.NONE, Tier.NONE),
                new Case("ya tengo guardadas las pastillas para el sábado", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("ya tengo juntadas las pastillas para el viaje del domingo", Category.NONE, Tier.NONE),
                new Case("hoy en la noche me tomo todas mis pastillas", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("mi esposo me golpea y ya llegó tomado, tengo miedo", Category.ABUSE_DISCLOSURE, Tier.HIGH),
                new Case("mi papá llegó tomado de la boda jaja", Category.NONE, Tier.NONE),
                new Case("me dijo que si le cuento a alguien me mata", Category.ABUSE_DISCLOSURE, Tier.HIGH),
                new Case("mi mamá me mata si le cuento a alguien lo de la fiesta", Category.NONE, Tier.NONE),
                new Case("su novio la está golpeando ahorita", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("en la serie el novio la está golpeando ahora, qué fuerte", Category.NONE, Tier.NONE),
                new Case("mi primo se metió algo y no reacciona", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("mi papá se cayó en la cocina y no responde", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("mi papá se cayó en la cocina pero ya está bien", Category.NONE, Tier.NONE),
                new Case("mi prima me mandó una foto de sus pastillas y escribió adiós", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("mi prima me mandó una foto de sus pastillas del viaje", Category.NONE, Tier.NONE));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("spelledOutMeansMadeReadyAndNotBeingAround")
    void spelledOutIntentWithATimeMeansMadeReadyAndArrangingForAfterAreCrisesAndTheirTwinsAreNot(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("woundsActsUnderWayOverdoseCountsAndBodySigns")
    void woundsThatWillNotStopActsUnderWayAndOverdoseCountsEscalateAndOrdinaryDosesDoNot(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hidingThreatsAndSomeoneElsesDangerNow")
    void hidingFromSomeoneViolentThreatsAndOthersDangerNowEscalateAcrossShortSentences(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preparationsPlacesGoodbyesAndOthersInDanger")
    void preparatoryActsPlacesFinalGoodbyesAndOthersDangerNowEscalateAndTheirEverydayTwinsDoNot(Case c) {
        assertClassifiedAs(c);
    }

    private static void assertClassifiedAs(Case c) {
        Classification result = CLASSIFIER.classify(Fixtures.aMessage(c.text()));
        assertThat(result.category()).as("category of '%s' (signals %s)", c.text(), result.signals()).isEqualTo(c.category());
        assertThat(result.tier()).as("tier of '%s' (signals %s)", c.text(), result.signals()).isEqualTo(c.tier());
        assertThat(result.signals()).allSatisfy(s -> assertThat(s.ruleId()).doesNotContain(" "));
    }
}
