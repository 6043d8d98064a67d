package io.sluice.verify.compare;

import java.math.BigInteger;

/**
 * A chunk's row count and the sums of two 60-bit slices of every row's MD5. Sums do not depend on row
 * order, so the engines need not sort alike, and a changed, missing or extra row changes them.
 */
public record ChunkChecksum(long rows, BigInteger firstSum, BigInteger secondSum) {
}
