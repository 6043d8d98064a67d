package io.sluice.verify.cli;

import io.sluice.verify.db.TableName;

/** A {@code --table} argument: {@code NAME} (same name on both sides) or {@code SOURCE_NAME:TARGET_NAME}. */
public record TableSpec(TableName source, TableName target) {

    public static TableSpec parse(String text) throws UsageException {
        try {
            // Colons inside quoted names are part of the name.
            java.util.List<String> parts = TableName.NameParts.split(text, ':');
            if (parts.size() == 1) {
                TableName name = TableName.parse(parts.get(0));
                return new TableSpec(name, name);
            }
            if (parts.size() == 2) {
                return new TableSpec(TableName.parse(parts.get(0)), TableName.parse(parts.get(1)));
            }
        } catch (IllegalArgumentException bad) {
            throw new UsageException("--table " + text + ": " + bad.getMessage());
        }
        throw new UsageException("--table " + text + ": expected NAME or SOURCE_NAME:TARGET_NAME");
    }
}
