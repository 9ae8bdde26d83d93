package io.g2lstm.prep.demo;

import static io.g2lstm.prep.demo.Gender.FEMININE;
import static io.g2lstm.prep.demo.Gender.MASCULINE;
import static io.g2lstm.prep.demo.Gender.NEUTER;
import static io.g2lstm.prep.demo.GermanVerb.strong;
import static io.g2lstm.prep.demo.GermanVerb.weak;

import io.g2lstm.prep.demo.Verb.Frame;
import java.util.List;

/**
 * The word lists of the toy language pair. Target words are German-like and ASCII only (ae, oe, ue, ss for
 * umlauts and sharp s). Source words are chosen so that no form of one word equals a form of another, which
 * keeps every source sentence's translation unique.
 */
final class Lexicon {

  static final List<Noun> NOUNS = List.of(
      Noun.of("dog", "Hund", MASCULINE, "Hunde").compoundingAs("Hunde"),
      Noun.of("man", "Mann", MASCULINE, "Maenner").withEnglishPlural("men"),
      Noun.of("garden", "Garten", MASCULINE, "Gaerten").compoundingAs("Garten"),
      Noun.of("table", "Tisch", MASCULINE, "Tische"),
      Noun.of("tree", "Baum", MASCULINE, "Baeume").compoundingAs("Baum"),
      Noun.of("friend", "Freund", MASCULINE, "Freunde"),
      Noun.of("teacher", "Lehrer", MASCULINE, "Lehrer"),
      Noun.of("doctor", "Arzt", MASCULINE, "Aerzte"),
      Noun.of("king", "Koenig", MASCULINE, "Koenige"),
      Noun.of("bird", "Vogel", MASCULINE, "Voegel").compoundingAs("Vogel"),
      Noun.of("car", "Wagen", MASCULINE, "Wagen").compoundingAs("Wagen"),
      Noun.of("chair", "Stuhl", MASCULINE, "Stuehle"),
      Noun.of("key", "Schluessel", MASCULINE, "Schluessel"),
      Noun.of("letter", "Brief", MASCULINE, "Briefe"),
      Noun.of("train", "Zug", MASCULINE, "Zuege"),
      Noun.of("hat", "Hut", MASCULINE, "Huete"),
      Noun.of("baker", "Baecker", MASCULINE, "Baecker"),
      Noun.of("river", "Fluss", MASCULINE, "Fluesse"),
      Noun.of("mountain", "Berg", MASCULINE, "Berge").compoundingAs("Berg"),
      Noun.of("wolf", "Wolf", MASCULINE, "Woelfe").withEnglishPlural("wolves"),
      Noun.of("cake", "Kuchen", MASCULINE, "Kuchen"),
      Noun.of("coat", "Mantel", MASCULINE, "Maentel"),
      Noun.of("ball", "Ball", MASCULINE, "Baelle"),
      Noun.of("apple", "Apfel", MASCULINE, "Aepfel").compoundingAs("Apfel"),
      Noun.of("stone", "Stein", MASCULINE, "Steine").compoundingAs("Stein"),
      Noun.of("woman", "Frau", FEMININE, "Frauen").withEnglishPlural("women"),
      Noun.of("cat", "Katze", FEMININE, "Katzen"),
      Noun.of("door", "Tuer", FEMININE, "Tueren"),
      Noun.of("street", "Strasse", FEMININE, "Strassen"),
      Noun.of("school", "Schule", FEMININE, "Schulen").compoundingAs("Schul"),
      Noun.of("lamp", "Lampe", FEMININE, "Lampen"),
      Noun.of("flower", "Blume", FEMININE, "Blumen").compoundingAs("Blumen"),
      Noun.of("bottle", "Flasche", FEMININE, "Flaschen"),
      Noun.of("town", "Stadt", FEMININE, "Staedte").compoundingAs("Stadt"),
      Noun.of("kitchen", "Kueche", FEMININE, "Kuechen").compoundingAs("Kuechen"),
      Noun.of("cup", "Tasse", FEMININE, "Tassen"),
      Noun.of("mother", "Mutter", FEMININE, "Muetter"),
      Noun.of("queen", "Koenigin", FEMININE, "Koeniginnen"),
      Noun.of("wall", "Wand", FEMININE, "Waende"),
      Noun.of("card", "Karte", FEMININE, "Karten"),
      Noun.of("clock", "Uhr", FEMININE, "Uhren"),
      Noun.of("bridge", "Bruecke", FEMININE, "Bruecken"),
      Noun.of("island", "Insel", FEMININE, "Inseln"),
      Noun.of("cow", "Kuh", FEMININE, "Kuehe"),
      Noun.of("soup", "Suppe", FEMININE, "Suppen"),
      Noun.of("plant", "Pflanze", FEMININE, "Pflanzen"),
      Noun.of("house", "Haus", NEUTER, "Haeuser").compoundingAs("Haus"),
      Noun.of("horse", "Pferd", NEUTER, "Pferde"),
      Noun.of("book", "Buch", NEUTER, "Buecher").compoundingAs("Buch"),
      Noun.of("window", "Fenster", NEUTER, "Fenster").compoundingAs("Fenster"),
      Noun.of("ship", "Schiff", NEUTER, "Schiffe"),
      Noun.of("bread", "Brot", NEUTER, "Brote"),
      Noun.of("picture", "Bild", NEUTER, "Bilder"),
      Noun.of("song", "Lied", NEUTER, "Lieder"),
      Noun.of("village", "Dorf", NEUTER, "Doerfer").compoundingAs("Dorf"),
      Noun.of("egg", "Ei", NEUTER, "Eier"),
      Noun.of("bed", "Bett", NEUTER, "Betten"),
      Noun.of("room", "Zimmer", NEUTER, "Zimmer"),
      Noun.of("girl", "Maedchen", NEUTER, "Maedchen"),
      Noun.of("animal", "Tier", NEUTER, "Tiere"),
      Noun.of("boat", "Boot", NEUTER, "Boote"),
      Noun.of("field", "Feld", NEUTER, "Felder"),
      Noun.of("gift", "Geschenk", NEUTER, "Geschenke"),
      Noun.of("pig", "Schwein", NEUTER, "Schweine"),
      Noun.of("paper", "Papier", NEUTER, "Papiere"));

  static final List<Adjective> ADJECTIVES = List.of(
      new Adjective("big", "gross"),
      new Adjective("small", "klein"),
      new Adjective("old", "alt"),
      new Adjective("new", "neu"),
      new Adjective("young", "jung"),
      new Adjective("red", "rot"),
      new Adjective("green", "gruen"),
      new Adjective("blue", "blau"),
      new Adjective("black", "schwarz"),
      new Adjective("white", "weiss"),
      new Adjective("happy", "froh"),
      new Adjective("tired", "muede"),
      new Adjective("fast", "schnell"),
      new Adjective("slow", "langsam"),
      new Adjective("beautiful", "schoen"),
      new Adjective("strange", "seltsam"),
      new Adjective("rich", "reich"),
      new Adjective("poor", "arm"),
      new Adjective("warm", "warm"),
      new Adjective("cold", "kalt"),
      new Adjective("long", "lang"),
      new Adjective("short", "kurz"),
      new Adjective("clever", "klug"),
      new Adjective("brave", "tapfer"),
      new Adjective("friendly", "freundlich"),
      new Adjective("heavy", "schwer"),
      new Adjective("wild", "wild"),
      new Adjective("quiet", "still"),
      new Adjective("loud", "laut"),
      new Adjective("hungry", "hungrig"),
      new Adjective("famous", "beruehmt"),
      new Adjective("empty", "leer"),
      new Adjective("full", "voll"));

  static final Verb COPULA = new Verb(
      new EnglishVerb("be", "am", "is", "are", "was", "were"),
      new GermanVerb("bin", "ist", "sind", "war", "waren"), Frame.COPULA);

  /** The auxiliary of English negation and questions; it has no counterpart in the target. */
  static final EnglishVerb DO = EnglishVerb.withPast("do", "did");

  static final List<Verb> ACTION_VERBS = List.of(
      accusative(EnglishVerb.regular("visit"), weak("besuch")),
      accusative(EnglishVerb.regular("paint"), weak("mal")),
      accusative(EnglishVerb.withPast("see", "saw"), strong("sehen", "sieht", "sah")),
      accusative(EnglishVerb.withPast("find", "found"), strong("finden", "findet", "fand")),
      accusative(EnglishVerb.withPast("eat", "ate"), strong("essen", "isst", "ass")),
      accusative(EnglishVerb.withPast("write", "wrote"), strong("schreiben", "schreibt", "schrieb")),
      accusative(EnglishVerb.withPast("buy", "bought"), weak("kauf")),
      accusative(EnglishVerb.withPast("sell", "sold"), weak("verkauf")),
      accusative(EnglishVerb.withPast("build", "built"), weak("bau")),
      accusative(EnglishVerb.regular("need"), weak("brauch")),
      accusative(EnglishVerb.regular("show"), weak("zeig")),
      accusative(EnglishVerb.regular("greet"), weak("gruess")),
      accusative(EnglishVerb.regular("save"), weak("rett")),
      accusative(EnglishVerb.withPast("wake", "woke"), weak("weck")),
      accusative(EnglishVerb.regular("fill"), weak("fuell")),
      accusative(EnglishVerb.regular("count"), weak("zaehl")),
      accusative(EnglishVerb.regular("hate"), weak("hass")),
      accusative(EnglishVerb.regular("order"), weak("bestell")),
      accusative(EnglishVerb.regular("kiss"), weak("kuess")),
      accusative(EnglishVerb.withPast("meet", "met"), strong("treffen", "trifft", "traf")),
      accusative(EnglishVerb.withPast("take", "took"), strong("nehmen", "nimmt", "nahm")),
      accusative(EnglishVerb.regular("carry"), strong("tragen", "traegt", "trug")),
      accusative(EnglishVerb.regular("wash"), strong("waschen", "waescht", "wusch")),
      accusative(EnglishVerb.regular("love"), weak("lieb")),
      accusative(EnglishVerb.regular("touch"), weak("beruehr")),
      accusative(EnglishVerb.withPast("catch", "caught"), strong("fangen", "faengt", "fing")),
      accusative(EnglishVerb.withPast("draw", "drew"), weak("zeichn")),
      accusative(EnglishVerb.regular("play"), weak("spiel")),
      accusative(EnglishVerb.regular("open"), weak("oeffn")),
      accusative(EnglishVerb.regular("clean"), weak("putz")),
      accusative(EnglishVerb.regular("push"), strong("schieben", "schiebt", "schob")),
      accusative(EnglishVerb.regular("pull"), strong("ziehen", "zieht", "zog")),
      accusative(EnglishVerb.regular("cook"), weak("koch")),
      accusative(EnglishVerb.withPast("hold", "held"), strong("halten", "haelt", "hielt")),
      accusative(EnglishVerb.withPast("bring", "brought"), strong("bringen", "bringt", "brachte")),
      accusative(EnglishVerb.withPast("forget", "forgot"), strong("vergessen", "vergisst", "vergass")),
      dative(EnglishVerb.regular("help"), strong("helfen", "hilft", "half")),
      dative(EnglishVerb.regular("follow"), weak("folg")),
      dative(EnglishVerb.regular("thank"), weak("dank")),
      dative(EnglishVerb.regular("answer"), weak("antwort")),
      intransitive(EnglishVerb.withPast("sleep", "slept"), strong("schlafen", "schlaeft", "schlief")),
      intransitive(EnglishVerb.regular("laugh"), weak("lach")),
      intransitive(EnglishVerb.regular("wait"), weak("wart")),
      intransitive(EnglishVerb.regular("work"), weak("arbeit")),
      intransitive(EnglishVerb.regular("dance"), weak("tanz")),
      intransitive(EnglishVerb.withPast("sing", "sang"), strong("singen", "singt", "sang")),
      intransitive(EnglishVerb.withPast("swim", "swam"), strong("schwimmen", "schwimmt", "schwamm")),
      intransitive(EnglishVerb.withPast("run", "ran"), strong("laufen", "laeuft", "lief")),
      intransitive(EnglishVerb.withPast("sit", "sat"), strong("sitzen", "sitzt", "sass")),
      intransitive(EnglishVerb.regular("live"), weak("wohn")),
      intransitive(EnglishVerb.regular("travel"), weak("reis")),
      intransitive(EnglishVerb.regular("cry"), weak("wein")),
      intransitive(EnglishVerb.regular("rest"), weak("ruh")),
      intransitive(EnglishVerb.regular("smile"),
          new GermanVerb("laechle", "laechelt", "laecheln", "laechelte", "laechelten")),
      intransitive(EnglishVerb.regular("jump"), strong("springen", "springt", "sprang")));

  static final List<Verb> CLAUSE_VERBS = List.of(
      clause(EnglishVerb.withPast("think", "thought"), strong("denken", "denkt", "dachte")),
      clause(EnglishVerb.withPast("know", "knew"),
          new GermanVerb("weiss", "weiss", "wissen", "wusste", "wussten")),
      clause(EnglishVerb.regular("believe"), weak("glaub")),
      clause(EnglishVerb.regular("hope"), weak("hoff")),
      clause(EnglishVerb.withPast("say", "said"), weak("sag")),
      clause(EnglishVerb.withPast("hear", "heard"), weak("hoer")),
      clause(EnglishVerb.regular("notice"), weak("bemerk")),
      clause(EnglishVerb.regular("claim"), weak("behaupt")),
      clause(EnglishVerb.regular("dream"), weak("traeum")));

  static final List<Preposition> PREPOSITIONS = List.of(
      new Preposition("in", "in", GrammaticalCase.DATIVE),
      new Preposition("with", "mit", GrammaticalCase.DATIVE),
      new Preposition("from", "von", GrammaticalCase.DATIVE),
      new Preposition("near", "bei", GrammaticalCase.DATIVE),
      new Preposition("behind", "hinter", GrammaticalCase.DATIVE),
      new Preposition("under", "unter", GrammaticalCase.DATIVE),
      new Preposition("after", "nach", GrammaticalCase.DATIVE),
      new Preposition("beside", "neben", GrammaticalCase.DATIVE),
      new Preposition("for", "fuer", GrammaticalCase.ACCUSATIVE),
      new Preposition("without", "ohne", GrammaticalCase.ACCUSATIVE),
      new Preposition("through", "durch", GrammaticalCase.ACCUSATIVE),
      new Preposition("against", "gegen", GrammaticalCase.ACCUSATIVE));

  static final List<Adverb> ADVERBS = List.of(
      new Adverb("today", "heute"),
      new Adverb("yesterday", "gestern"),
      new Adverb("often", "oft"),
      new Adverb("sometimes", "manchmal"),
      new Adverb("now", "jetzt"),
      new Adverb("later", "spaeter"),
      new Adverb("again", "wieder"),
      new Adverb("rarely", "selten"),
      new Adverb("here", "hier"));

  /** Source and target words that belong to no list: negation and the complementizer. */
  static final String ENGLISH_NOT = "not";
  static final String GERMAN_NOT = "nicht";
  static final String ENGLISH_THAT = "that";
  static final String GERMAN_THAT = "dass";

  private Lexicon() {}

  private static Verb accusative(EnglishVerb english, GermanVerb german) {
    return new Verb(english, german, Frame.ACCUSATIVE_OBJECT);
  }

  private static Verb dative(EnglishVerb english, GermanVerb german) {
    return new Verb(english, german, Frame.DATIVE_OBJECT);
  }

  private static Verb intransitive(EnglishVerb english, GermanVerb german) {
    return new Verb(english, german, Frame.INTRANSITIVE);
  }

  private static Verb clause(EnglishVerb english, GermanVerb german) {
    return new Verb(english, german, Frame.CLAUSE_OBJECT);
  }
}
