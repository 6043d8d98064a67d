package io.sluice.verify.compare;

import java.util.List;

/** A row as canonical texts: its key and every compared column (null for SQL NULL). */
public record Row(List<String> key, List<String> values) {
}
