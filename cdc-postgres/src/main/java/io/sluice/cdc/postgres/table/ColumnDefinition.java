package io.sluice.cdc.postgres.table;

import java.util.List;

/**
 * A column as the catalog describes it.
 *
 * @param typeOid      the column's type; for a domain, the domain's own type
 * @param baseTypeName {@code pg_type.typname} after resolving domains, e.g. {@code int4}, {@code numeric},
 *                     {@code _text} for arrays
 * @param typeModifier {@code atttypmod}: length, precision/scale or time precision, -1 when none
 * @param sqlType      {@code format_type()}, e.g. {@code numeric(10,2)}, usable in a cast
 * @param category     {@code pg_type.typcategory} of the base type, e.g. 'E' for enums, 'A' for arrays
 * @param enumValues   the labels of an enum type (or of an array's enum element type), in sort order; else empty
 */
public record ColumnDefinition(String name, int position, int typeOid, String baseTypeName, int typeModifier,
        String sqlType, char category, boolean nullable, List<String> enumValues) {

    public ColumnDefinition {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }
}
