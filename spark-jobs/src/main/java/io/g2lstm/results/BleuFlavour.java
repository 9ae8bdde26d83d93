package io.g2lstm.results;

/** How a BLEU score was computed; stored as {@code sacrebleu} and {@code multi-bleu}. */
public enum BleuFlavour {
  /** Detokenized output, sacreBLEU's defaults, with its signature. */
  SACREBLEU,
  /** Tokenized output, multi-bleu.perl, as the paper reports. */
  MULTI_BLEU
}
