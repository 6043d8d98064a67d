package io.sluice.verify.table;

import io.sluice.verify.dialect.Column;
import io.sluice.verify.dialect.ColumnKind;

/** A column present on both sides, and the kind both sides render it as. */
public record ComparedColumn(Column source, Column target, ColumnKind kind) {

    public String name() {
        return source.name();
    }
}
