package io.g2lstm.model.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Both flavours accumulate side by side, and parts of a test set merge into the whole. */
class CorpusBleuTest {

  private static final List<String> HYPOTHESES = List.of("Der Hund bellt.", "Es regnet heute den ganzen Tag.",
      "Ein Mann liest ein Buch.");
  private static final List<String> REFERENCES = List.of("Der Hund bellte.", "Es regnet den ganzen Tag.",
      "Ein Mann liest ein Buch.");

  private static String tokens(String text) {
    return text.replace(".", " .");
  }

  @Test
  void flavoursScoreTheirOwnText() {
    CorpusBleu bleu = new CorpusBleu();
    for (int i = 0; i < HYPOTHESES.size(); i++) {
      bleu.add(HYPOTHESES.get(i), tokens(HYPOTHESES.get(i)), REFERENCES.get(i), tokens(REFERENCES.get(i)));
    }
    BleuStatistics sacre = BleuMetric.sacreBleuDefaults().statistics(HYPOTHESES, List.of(REFERENCES));
    assertEquals(sacre.score(), bleu.sacreBleu().score());
    assertEquals(sacre.signature(), bleu.sacreBleu().signature());
    MultiBleu tokenized = new MultiBleu(false);
    for (int i = 0; i < HYPOTHESES.size(); i++) {
      tokenized.add(tokens(HYPOTHESES.get(i)), List.of(tokens(REFERENCES.get(i))));
    }
    assertEquals(tokenized.line(), bleu.multiBleu().line());
    assertEquals(3, bleu.segments());
  }

  @Test
  void partsMergeIntoTheWhole() {
    CorpusBleu whole = new CorpusBleu();
    CorpusBleu first = new CorpusBleu();
    CorpusBleu rest = new CorpusBleu();
    for (int i = 0; i < HYPOTHESES.size(); i++) {
      String h = HYPOTHESES.get(i);
      String r = REFERENCES.get(i);
      whole.add(h, tokens(h), r, tokens(r));
      (i < 1 ? first : rest).add(h, tokens(h), r, tokens(r));
    }
    first.merge(rest);
    assertEquals(whole.sacreBleu().score(), first.sacreBleu().score());
    assertEquals(whole.multiBleu().score(), first.multiBleu().score());
    assertEquals(3, first.segments());
  }
}
