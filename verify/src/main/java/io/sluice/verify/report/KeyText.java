package io.sluice.verify.report;

import java.util.ArrayList;
import java.util.List;

/** How a key is shown to people: {@code id=42}, or {@code (order_id=7, line=2)} for a composite key. */
final class KeyText {

    private KeyText() {
    }

    static String of(List<String> columns, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(columns.get(i) + "=" + values.get(i));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }
}
