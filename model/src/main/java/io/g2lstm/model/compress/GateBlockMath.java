package io.g2lstm.model.compress;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The arithmetic of gate compression on one block {@code A}, a {@code [m][n]} array of doubles (m rows, n columns),
 * never modified; every result is a new {@code [m][n]} array.
 *
 * <pre>
 *   round(A, r)[i][j]   = rint(A[i][j] / r) * r                 (ties to the even multiple)
 *   clip(A, c)[i][j]    = min(c, max(-c, A[i][j]))
 *   A = U S V^T          U [m, p], S = diag(s_1 >= .. >= s_p >= 0), V [n, p], p = min(m, n)
 *   lowRank(A, k)       = U[:, :k] S[:k, :k] V[:, :k]^T          (1 <= k <= p)
 * </pre>
 *
 * By Eckart and Young, {@code lowRank(A, k)} is the matrix of rank at most k nearest to A in the Frobenius (and
 * spectral) norm, at Frobenius distance {@code sqrt(s_(k+1)^2 + .. + s_p^2)}.
 *
 * <p>The singular value decomposition is one-sided Jacobi (Hestenes): plane rotations {@code J} applied to the
 * columns of {@code B = A} (or of {@code A^T} when n > m, so that there are p columns of length q = max(m, n))
 * until every pair of columns is orthogonal to working precision; then {@code B V = U S} column by column and
 * {@code B = (B V) V^T}. It is accurate to working precision relative to the largest singular value and costs about
 * {@code 4 p^2 (q + p)} floating-point operations per sweep, with 10 to 15 sweeps for a random 256 x 256 block.
 */
final class GateBlockMath {

  /** Two columns count as orthogonal when |b_i . b_j| <= q * ulp(1) * |b_i| |b_j| (the usual Jacobi criterion). */
  private static final double ORTHOGONALITY = Math.ulp(1.0);
  // One-sided Jacobi converges quadratically, in well under 30 sweeps for matrices of thousands of columns.
  private static final int MAX_SWEEPS = 100;

  private GateBlockMath() {}

  static double[][] round(double[][] a, double step) {
    double[][] rounded = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      rounded[i] = new double[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        rounded[i][j] = Math.rint(a[i][j] / step) * step;
      }
    }
    return rounded;
  }

  static double[][] clip(double[][] a, double clip) {
    double[][] clipped = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      clipped[i] = new double[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        clipped[i][j] = Math.min(clip, Math.max(-clip, a[i][j]));
      }
    }
    return clipped;
  }

  /** The best rank-k approximation of {@code a}; {@code 1 <= k <= min(m, n)}. */
  static double[][] lowRank(double[][] a, int k) {
    int m = a.length;
    int n = a[0].length;
    if (k < 1 || k > Math.min(m, n)) {
      throw new IllegalArgumentException("rank: expected 1 to " + Math.min(m, n) + " for a [" + m + ", " + n
          + "] block, found " + k);
    }
    boolean wide = n > m;
    Rotated r = orthogonalize(wide ? copy(a) : transpose(a));
    // B = (B V) V^T with B = A^T when wide (its columns are A's rows), else B = A; keep the k largest columns of B V
    double[][] approximation = new double[m][n];
    for (int t = 0; t < k; t++) {
      int c = r.order()[t];
      double[] b = r.columns()[c];
      double[] v = r.v()[c];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          approximation[i][j] += wide ? b[j] * v[i] : b[i] * v[j];
        }
      }
    }
    return approximation;
  }

  /** Bits per value of an index into a table of {@code distinct} values: ceil(log2(distinct)), at least 1. */
  static int indexBits(long distinct) {
    int bits = 1;
    while (bits < 63 && (1L << bits) < distinct) {
      bits++;
    }
    return bits;
  }

  /**
   * The distinct values of {@code distinct} (sorted, without repeats) and {@code values} together, sorted and without
   * repeats; -0.0 and 0.0 count as one value.
   */
  static double[] sortedUnion(double[] distinct, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] union = new double[distinct.length + sorted.length];
    int size = 0;
    int i = 0;
    int j = 0;
    while (i < distinct.length || j < sorted.length) {
      double next = j == sorted.length || (i < distinct.length && distinct[i] <= sorted[j])
          ? distinct[i++] : sorted[j++];
      if (size == 0 || next != union[size - 1]) {
        union[size++] = next;
      }
    }
    return Arrays.copyOf(union, size);
  }

  /**
   * The columns after rotation ({@code B V}), the accumulated rotations ({@code v[c]} is column c of V) and the
   * column indices by decreasing norm (the singular values).
   */
  private record Rotated(double[][] columns, double[][] v, int[] order) {}

  /** Rotates pairs of the p columns (each of length q, p <= q) in sweeps until all pairs are orthogonal. */
  private static Rotated orthogonalize(double[][] columns) {
    int p = columns.length;
    int q = columns[0].length;
    double[][] v = new double[p][p];
    for (int c = 0; c < p; c++) {
      v[c][c] = 1.0;
    }
    double tolerance = q * ORTHOGONALITY;
    double[] norms = new double[p];
    boolean rotated;
    int sweeps = 0;
    do {
      if (++sweeps > MAX_SWEEPS) {
        throw new ArithmeticException("SVD of a " + q + " x " + p + " block: expected convergence within "
            + MAX_SWEEPS + " Jacobi sweeps, found none (does the block hold NaN or infinite weights?)");
      }
      rotated = false;
      // recomputed every sweep so that rounding does not accumulate; between, a rotation moves t * gamma of the
      // squared norm from one column of the pair to the other
      for (int c = 0; c < p; c++) {
        norms[c] = dot(columns[c], columns[c]);
      }
      for (int i = 0; i < p - 1; i++) {
        for (int j = i + 1; j < p; j++) {
          double gamma = dot(columns[i], columns[j]);
          if (!(Math.abs(gamma) > tolerance * Math.sqrt(norms[i] * norms[j]))) {
            continue;
          }
          rotated = true;
          // the angle that zeroes b_i . b_j (Rutishauser's stable form of the 2 x 2 symmetric eigenproblem)
          double zeta = (norms[j] - norms[i]) / (2 * gamma);
          double t = (zeta >= 0 ? 1.0 : -1.0) / (Math.abs(zeta) + Math.hypot(1.0, zeta));
          double cos = 1.0 / Math.sqrt(1.0 + t * t);
          double sin = cos * t;
          rotate(columns[i], columns[j], cos, sin);
          rotate(v[i], v[j], cos, sin);
          norms[i] -= t * gamma;
          norms[j] += t * gamma;
        }
      }
    } while (rotated);
    for (int c = 0; c < p; c++) {
      norms[c] = dot(columns[c], columns[c]);
    }
    int[] order = IntStream.range(0, p).boxed()
        .sorted(Comparator.comparingDouble((Integer c) -> norms[c]).reversed())
        .mapToInt(Integer::intValue).toArray();
    return new Rotated(columns, v, order);
  }

  /** {@code (x, y) <- (cos x - sin y, sin x + cos y)}. */
  private static void rotate(double[] x, double[] y, double cos, double sin) {
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double yi = y[i];
      x[i] = cos * xi - sin * yi;
      y[i] = sin * xi + cos * yi;
    }
  }

  /** Four partial sums: shorter dependency chains, so the JIT keeps several multiply-adds in flight. */
  private static double dot(double[] x, double[] y) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < x.length; i += 4) {
      s0 += x[i] * y[i];
      s1 += x[i + 1] * y[i + 1];
      s2 += x[i + 2] * y[i + 2];
      s3 += x[i + 3] * y[i + 3];
    }
    for (; i < x.length; i++) {
      s0 += x[i] * y[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The columns of {@code a} as arrays: {@code [n][m]}. */
  private static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = Arrays.copyOf(a[i], a[i].length);
    }
    return c;
  }
}
