package io.sluice.verify.compare;

import java.util.List;

/**
 * A range of primary keys, as the keys' canonical text: above {@code after} (exclusive) up to {@code upTo}
 * (inclusive). A null bound is open, so the ranges of a walk cover rows on either side of the source's keys.
 */
public record KeyRange(List<String> after, List<String> upTo) {

    public static final KeyRange ALL = new KeyRange(null, null);

    public boolean hasLower() {
        return after != null;
    }

    public boolean hasUpper() {
        return upTo != null;
    }
}
