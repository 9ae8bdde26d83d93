/**
 * BLEU as sacreBLEU 2.6 computes it (tokenizers, smoothing, signatures) and as multi-bleu.perl does, from sufficient
 * statistics that merge across partitions.
 *
 * <p>Depends on: io.g2lstm.common.
 */
package io.g2lstm.model.bleu;
