package io.g2lstm.prep.corpus;

import java.io.Serializable;

/**
 * A sentence pair as read, with where it came from.
 *
 * @param corpus the index of its corpus in the configuration
 * @param line its 1-based line (or, for SGML, segment) number in that corpus
 * @param pair the raw text
 * @param repairedUtf8 whether malformed UTF-8 was replaced on either side
 * @param overlong whether either side exceeded the line-length limit (its text is then empty)
 */
public record SourcedPair(int corpus, long line, TextPair pair, boolean repairedUtf8, boolean overlong)
    implements Serializable {}
