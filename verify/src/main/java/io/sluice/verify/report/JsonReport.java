package io.sluice.verify.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.verify.compare.RowDifferences;

import java.io.PrintStream;
import java.util.List;

/** The machine-readable report ({@code --json}): one JSON document on stdout. */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {
    }

    public static void write(List<TableResult> results, int attempts, PrintStream out) throws JsonProcessingException {
        out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document(results, attempts)));
    }

    static ObjectNode document(List<TableResult> results, int attempts) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("equal", results.stream().allMatch(TableResult::equal));
        root.put("attempts", attempts);
        ArrayNode tables = root.putArray("tables");
        for (TableResult result : results) {
            tables.add(table(result));
        }
        return root;
    }

    private static ObjectNode table(TableResult result) {
        ObjectNode table = MAPPER.createObjectNode();
        table.put("source", result.source());
        table.put("target", result.target());
        table.put("equal", result.equal());
        strings(table.putArray("keyColumns"), result.keyColumns());
        table.put("sourceRows", result.sourceRows());
        table.put("targetRows", result.targetRows());
        table.put("chunks", result.chunks());
        table.put("differingChunks", result.differingChunks());
        table.put("rowsFetched", result.rowsFetched());
        table.put("elapsedMillis", result.elapsedMillis());
        strings(table.putArray("columnsOnlyInSource"), result.onlyInSource());
        strings(table.putArray("columnsOnlyInTarget"), result.onlyInTarget());
        RowDifferences rows = result.rows();
        keys(table.putObject("missing"), rows.missing(), rows.missingKeys(), result.keyColumns());
        keys(table.putObject("extra"), rows.extra(), rows.extraKeys(), result.keyColumns());
        ObjectNode different = table.putObject("different");
        different.put("count", rows.different());
        ArrayNode differentRows = different.putArray("rows");
        for (RowDifferences.DifferentRow row : rows.differentRows()) {
            ObjectNode entry = differentRows.addObject();
            entry.set("key", key(result.keyColumns(), row.key()));
            strings(entry.putArray("columns"), row.columns());
        }
        return table;
    }

    private static void keys(ObjectNode node, long count, List<List<String>> keys, List<String> columns) {
        node.put("count", count);
        ArrayNode array = node.putArray("keys");
        for (List<String> key : keys) {
            array.add(key(columns, key));
        }
    }

    private static ObjectNode key(List<String> columns, List<String> values) {
        ObjectNode key = MAPPER.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            key.put(columns.get(i), values.get(i));
        }
        return key;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
