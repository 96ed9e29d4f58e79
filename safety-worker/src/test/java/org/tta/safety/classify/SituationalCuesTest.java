package org.tta.safety.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules 2026.12.5 (batch 7): crises told through the situation rather than crisis words. Each mechanism pairs a cue
 * that is ordinary alone with a second one (means saved up and "enough", a preparation and a farewell, a body part and
 * a blade, a veiled threat and a weapon, someone else's wound and silence); every table holds new wordings of each
 * crisis and everyday twins that must not escalate (hyperbole, games, fiction, past, recovery, third parties).
 */
class SituationalCuesTest {

    private static final Classifier CLASSIFIER = Fixtures.rulesOnlyClassifier();

    record Case(String text, Category category, Tier tier) {
    }

    /** Mechanisms fitted to the first half of batch 7: a crisis wording of each, then the everyday twins. */
    static Stream<Case> meansPreparationsAndFarewells() {
        return Stream.of(
                new Case("been stockpiling my mom's sleeping pills for weeks, got like 50 now, that should do it", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("to whoever finds me, i'm sorry, the dog needs feeding twice a day", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("would 20 floors be enough? asking for me", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("everything is in order now, the bills are paid, after this weekend i wont need any of it", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("don't worry, i won't be a burden to anyone much longer", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("the knife is for my neck this time, not my arms", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("got a new blade, gonna do my arms again tonight", Category.SELF_HARM, Tier.HIGH),
                new Case("banging my head on the floor until i see stars, still doing it", Category.SELF_HARM, Tier.IMMINENT),
                new Case("got the knife under my pillow for when he comes in, he won't know what hit him", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("finna shank him after school, blade in my bag", Category.HARM_TO_OTHERS, Tier.HIGH),
                new Case("slipped bleach in his coffee this morning", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("my stepdad sneaks into my room at night when mom is asleep", Category.ABUSE_DISCLOSURE, Tier.HIGH),
                new Case("my mom locked me in the closet, been in here since last night", Category.ABUSE_DISCLOSURE, Tier.HIGH),
                new Case("he said if i call the cops he'll kill me, he's downstairs right now", Category.ABUSE_DISCLOSURE, Tier.IMMINENT),
                new Case("my brother sent a photo of his arms bleeding and now he's not answering", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("my dad just collapsed and he's not breathing", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("mixed my xanax with my oxy, like 12 total, bye everyone", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT),
                new Case("asthma attack rn and i can barely breathe", Category.MEDICAL_EMERGENCY, Tier.IMMINENT),
                new Case("fell off my bike and hit my head, now i have double vision and can't stop puking", Category.MEDICAL_EMERGENCY, Tier.HIGH),
                new Case("been saving up my allowance for new pills for my dog, about forty bucks now, i think that's enough", Category.NONE, Tier.NONE),
                new Case("saving up my birthday money, got like 60 now, that should do it for the concert", Category.NONE, Tier.NONE),
                new Case("been saving my vitamins for the trip, about forty of them, enough for the month", Category.NONE, Tier.NONE),
                new Case("whoever finds me in hide and seek wins the candy lol", Category.NONE, Tier.NONE),
                new Case("to whoever finds my lost wallet, please call me", Category.NONE, Tier.NONE),
                new Case("I've looked up how high the Eiffel tower is. 300 meters is enough for the view right", Category.NONE, Tier.NONE),
                new Case("9 floors is enough walking for today lol, the elevator broke", Category.NONE, Tier.NONE),
                new Case("made my peace with failing chemistry, this is my last time logging in before exams", Category.NONE, Tier.NONE),
                new Case("I've made my peace with the breakup, say hi to everyone for me at the party", Category.NONE, Tier.NONE),
                new Case("everything's arranged for the wedding, last time logging in before the honeymoon", Category.NONE, Tier.NONE),
                new Case("won't be a problem for you much longer, moving out on friday", Category.NONE, Tier.NONE),
                new Case("i wont be a burden for anyone much longer, my new job starts next week", Category.NONE, Tier.NONE),
                new Case("this razor is for my neck beard, shaving tonight", Category.NONE, Tier.NONE),
                new Case("gonna do my legs tonight, got a new razor and some lotion", Category.NONE, Tier.NONE),
                new Case("gonna do my nails tonight with the new scissors", Category.NONE, Tier.NONE),
                new Case("hid the presents where nobody looks, the knife block cupboard lol", Category.NONE, Tier.NONE),
                new Case("banging my head against the wall with this code right now", Category.NONE, Tier.NONE),
                new Case("hit my head on the cupboard again, ouch, fine though", Category.NONE, Tier.NONE),
                new Case("he's not walking out of that exam with an A, bet", Category.NONE, Tier.NONE),
                new Case("the boss in the game won't walk out of the raid alive, got the bat ready", Category.NONE, Tier.NONE),
                new Case("gonna shoot that video tomorrow after school", Category.NONE, Tier.NONE),
                new Case("gonna pop that pimple tonight lol", Category.NONE, Tier.NONE),
                new Case("put rat poison in the garage for the mice", Category.NONE, Tier.NONE),
                new Case("put bleach in the laundry, whites look great", Category.NONE, Tier.NONE),
                new Case("my cat comes into my room when everyone's asleep and sits on my face", Category.NONE, Tier.NONE),
                new Case("my mom comes into my room at night to check on me when i'm sick", Category.NONE, Tier.NONE),
                new Case("my brother locked me out of the wifi lol", Category.NONE, Tier.NONE),
                new Case("my friend sent me a pic of her knee bleeding after she fell off her bike, now she won't answer lol", Category.NONE, Tier.NONE),
                new Case("my grandma collapsed on the couch after thanksgiving dinner lol, nap time", Category.NONE, Tier.NONE),
                new Case("we're going to jump off the bridge into the lake tonight, so fun", Category.NONE, Tier.NONE),
                new Case("gonna jump off the couch tonight to scare my sister", Category.NONE, Tier.NONE),
                new Case("mixed my protein powder with oat milk, about 30 grams total", Category.NONE, Tier.NONE),
                new Case("I can't breathe, this meme is so funny lol", Category.NONE, Tier.NONE),
                new Case("my inhaler is empty, need to get a refill tomorrow", Category.NONE, Tier.NONE),
                new Case("hit my head and I keep throwing up from laughing lol", Category.NONE, Tier.NONE),
                new Case("if i tell anyone about the surprise party my mom will kill me, she's downstairs right now", Category.NONE, Tier.NONE),
                new Case("mi mamá me mata si le digo a alguien de la fiesta sorpresa jaja, está en la sala ahora", Category.NONE, Tier.NONE),
                new Case("le voy a meter un cuchillo al pastel esta noche", Category.NONE, Tier.NONE),
                new Case("esta noche me voy para siempre de esta ciudad, adiós a todos, me mudo", Category.NONE, Tier.NONE),
                new Case("I want to hurt myself so bad right now but I'm going to call my therapist instead", Category.SELF_HARM, Tier.MODERATE),
                new Case("cutting the grass rn, it's so hot", Category.NONE, Tier.NONE));
    }

    /** Mechanisms fitted to the second half of batch 7: a crisis wording of each, then the everyday twins. */
    static Stream<Case> placesActsUnderWayAndOthersInDanger() {
        return Stream.of(
                new Case("left a letter for my dad on the kitchen table, sorry for being such a burden. tonight's the night", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("on the wrong side of the railing on the bridge, the water is really far down", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("sitting in the bath with the toaster plugged in next to me", Category.SUICIDAL_IDEATION, Tier.IMMINENT),
                new Case("cut my arm again, gonna do another one after i send this", Category.SELF_HARM, Tier.IMMINENT),
                new Case("gonna burn my arm with the lighter again after school", Category.SELF_HARM, Tier.HIGH),
                new Case("i know his schedule and when he gets off work. he'll regret what he did", Category.HARM_TO_OTHERS, Tier.HIGH),
                new Case("sitting outside his apartment with a gas can", Category.HARM_TO_OTHERS, Tier.IMMINENT),
                new Case("my husband strangled me until i blacked out yesterday", Category.ABUSE_DISCLOSURE, Tier.HIGH),
                new Case("my coach touches me when nobody is home", Category.ABUSE_DISCLOSURE, Tier.HIGH),
                new Case("think the pills were laced, heart racing and i'm shaking so bad", Category.SUBSTANCE_OVERDOSE, Tier.IMMINENT),
                new Case("my brother locked himself in his room with a knife and won't answer", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("mi novio se encerró en el baño con pastillas y no abre", Category.THIRD_PARTY_EMERGENCY, Tier.IMMINENT),
                new Case("regalé todas mis cosas, no las voy a necesitar a donde voy", Category.SUICIDAL_IDEATION, Tier.HIGH),
                new Case("wrote letters to my grandma and my pen pal, sorry for the late replies everyone", Category.NONE, Tier.NONE),
                new Case("wrote a letter to my future self for class, tonight's the night we open the time capsule", Category.NONE, Tier.NONE),
                new Case("standing on the overpass watching the fireworks, cars are really fast down there", Category.NONE, Tier.NONE),
                new Case("standing on the roof fixing the gutter, the drop is scary lol", Category.NONE, Tier.NONE),
                new Case("my plan is friday when everyone's at the lake house, i'll have the place to myself, movies and pizza all night", Category.NONE, Tier.NONE),
                new Case("have the house to myself this weekend, the car is in the garage so i can finally fix the bike", Category.NONE, Tier.NONE),
                new Case("gave my old phone to my sister and cancelled my contract, won't be needing either after i get the new one", Category.NONE, Tier.NONE),
                new Case("sitting in the tub with a book, the hair dryer is for after my bath", Category.NONE, Tier.NONE),
                new Case("never use a hair dryer in the bath, safety warning from my electrician dad", Category.NONE, Tier.NONE),
                new Case("just burned my arm on the oven again, doing another batch of cookies after this message", Category.NONE, Tier.NONE),
                new Case("my fingers are numb from the cold, can't feel my fingers after the snowball fight", Category.NONE, Tier.NONE),
                new Case("going to cut my hair tonight, wish me luck", Category.NONE, Tier.NONE),
                new Case("I know where she parks, I'm going to pay her back for the coffee she bought me", Category.NONE, Tier.NONE),
                new Case("he choked on his food and I laughed so hard I couldn't breathe lol", Category.NONE, Tier.NONE),
                new Case("my brother passed out on the couch after the game, his lips are blue from the slushie lol", Category.NONE, Tier.NONE),
                new Case("my sister locked herself in the bathroom with the scissors to cut her bangs and won't answer lol", Category.NONE, Tier.NONE),
                new Case("did way too much homework today, heart going like 200 from all the coffee", Category.NONE, Tier.NONE),
                new Case("i can hear her coming up the stairs with my birthday cake!!", Category.NONE, Tier.NONE),
                new Case("hiding in the closet from my little brother, playing hide and seek", Category.NONE, Tier.NONE),
                new Case("ya regalé mi guitarra vieja porque me compré una nueva, gracias por todo chicos", Category.NONE, Tier.NONE),
                new Case("mi hermana se encerró en su cuarto a estudiar y no contesta, jaja", Category.NONE, Tier.NONE),
                new Case("ya tengo la cuchilla para el asado, hoy en la noche cocinamos", Category.NONE, Tier.NONE));
    }

    /** The new cues said as hyperbole, in a game or a story, in the past, in recovery, or of someone else. */
    static Stream<Case> hyperboleGamesFictionPastRecoveryAndOthers() {
        return Stream.of(
                new Case("i'm gonna shank whoever ate my leftovers lol", Category.NONE, Tier.NONE),
                new Case("in the story the villain put poison in his brother's drink", Category.NONE, Tier.NONE),
                new Case("when i was 15 my stepdad came into my room when everyone was asleep, i'm safe now and in therapy", Category.ABUSE_DISCLOSURE, Tier.LOW),
                new Case("two years clean, i used to do my thighs with a blade, now the scars have faded", Category.NONE, Tier.NONE),
                new Case("my friend says her stepdad comes into her room at night", Category.NONE, Tier.NONE),
                new Case("my friend is saving up her pills, about forty now, she says that's enough", Category.THIRD_PARTY_CONCERN, Tier.MODERATE),
                new Case("my character in the campaign is standing on the ledge of the tower, the drop is huge", Category.NONE, Tier.NONE));
    }

    /** Everyday twins written after the fit, which caught a first version of the rules (narrowed since) or could have. */
    static Stream<Case> everydayTwinsWrittenAfterTheFit() {
        return Stream.of(
                new Case("standing on the balcony, the kids are playing down there", Category.NONE, Tier.NONE),
                new Case("standing on the bridge waiting for the bus, traffic is crazy", Category.NONE, Tier.NONE),
                new Case("on the edge of the cliff for a photo, the drop is insane", Category.NONE, Tier.NONE),
                new Case("my plan is to study all weekend, i'll have the house to myself and the car in the garage", Category.NONE, Tier.NONE),
                new Case("the plan is friday, my pills are in my bag for the trip", Category.NONE, Tier.NONE),
                new Case("found my pills saved up in the cabinet, about 20 left, is that enough for the week", Category.NONE, Tier.NONE),
                new Case("saving up my antibiotics is a bad idea right? i have like 10 left", Category.NONE, Tier.NONE),
                new Case("whoever finds my keys gets a cookie", Category.NONE, Tier.NONE),
                new Case("when you find me at the party say hi", Category.NONE, Tier.NONE),
                new Case("made my peace with the fact that i'm bad at math, goodbye calculus, see you never lol", Category.NONE, Tier.NONE),
                new Case("everything's arranged for mom's birthday, say hi to her for me", Category.NONE, Tier.NONE),
                new Case("gonna do my arms at the gym tonight, got new gloves and a knife for the meal prep after", Category.NONE, Tier.NONE),
                new Case("hitting my head against the wall until i see stars trying to understand this proof lol", Category.NONE, Tier.NONE),
                new Case("my dog comes into my room when everyone's asleep", Category.NONE, Tier.NONE),
                new Case("my grandpa collapsed last year and wasn't responding, he's fine now", Category.NONE, Tier.NONE),
                new Case("she collapsed on the bed after the marathon, not responding to texts, so tired", Category.NONE, Tier.NONE),
                new Case("gonna jump off the diving board tonight at the pool party", Category.NONE, Tier.NONE),
                new Case("mixed my vodka with sprite, about 6 total, bye guys see you monday", Category.NONE, Tier.NONE),
                new Case("banged my head on the car door, now i'm throwing up, stomach flu though", Category.NONE, Tier.NONE),
                new Case("i know where he works, i'm going to surprise him with lunch, he'll regret not inviting me lol", Category.NONE, Tier.NONE),
                new Case("my roommate passed out on the couch, his lips are blue from the blue raspberry slushie", Category.NONE, Tier.NONE),
                new Case("she locked herself in her room with the scissors to cut her hair and she's crying lol", Category.NONE, Tier.NONE),
                new Case("sitting in the tub with my phone charger plugged in, is that bad?", Category.NONE, Tier.NONE),
                new Case("just burned my arm on the oven, gonna do another batch after this message", Category.NONE, Tier.NONE),
                new Case("cut my finger chopping onions, still going with dinner", Category.NONE, Tier.NONE),
                new Case("gonna cut my arm hair tomorrow for the swim meet", Category.NONE, Tier.NONE),
                new Case("wrote a letter to my mom for her birthday, sorry for being late with it", Category.NONE, Tier.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meansPreparationsAndFarewells")
    void meansPreparationsAndFarewellsEscalateWithoutCrisisWords(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placesActsUnderWayAndOthersInDanger")
    void placesActsUnderWayAndOthersInDangerEscalateWithoutCrisisWords(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hyperboleGamesFictionPastRecoveryAndOthers")
    void theNewCuesDoNotEscalateHyperboleGamesFictionThePastOrSomeoneElse(Case c) {
        assertClassifiedAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everydayTwinsWrittenAfterTheFit")
    void everydayTwinsWrittenAfterTheFitDoNotEscalate(Case c) {
        assertClassifiedAs(c);
    }

    private static void assertClassifiedAs(Case c) {
        Classification result = CLASSIFIER.classify(Fixtures.aMessage(c.text()));
        assertThat(result.category()).as("category of '%s' (signals %s)", c.text(), result.signals()).isEqualTo(c.category());
        assertThat(result.tier()).as("tier of '%s' (signals %s)", c.text(), result.signals()).isEqualTo(c.tier());
    }
}
