package io.sluice.cdc.postgres.stream;

import io.sluice.cdc.postgres.config.TableFilter;
import io.sluice.cdc.postgres.stream.pgoutput.PgOutputMessage;
import io.sluice.cdc.postgres.table.CapturedTable;
import io.sluice.cdc.postgres.table.Catalog;
import io.sluice.cdc.postgres.table.ColumnDefinition;
import io.sluice.cdc.postgres.table.TableDefinition;
import io.sluice.cdc.postgres.table.TableId;
import io.sluice.cdc.postgres.table.TableSchemaBuilder;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of the stream by relation id, rebuilt from each Relation message: the server sends one before a
 * table's first change in the session and again after its structure changed, so the event schema follows
 * ALTER TABLE from the next change on.
 */
final class StreamedTables {

    private static final Logger LOG = LoggerFactory.getLogger(StreamedTables.class);

    private record Entry(PgOutputMessage.Relation relation, CapturedTable table) {
    }

    private final Map<Integer, Entry> byRelationId = new HashMap<>();
    private final Catalog catalog;
    private final TableFilter filter;
    private final TableSchemaBuilder schemaBuilder;

    StreamedTables(Catalog catalog, TableFilter filter, TableSchemaBuilder schemaBuilder) {
        this.catalog = catalog;
        this.filter = filter;
        this.schemaBuilder = schemaBuilder;
    }

    void onRelation(PgOutputMessage.Relation relation) throws SQLException {
        Entry previous = byRelationId.get(relation.relationId());
        if (previous != null && previous.relation().equals(relation)) {
            return;
        }
        TableId id = new TableId(relation.schema(), relation.table());
        if (!filter.includesTable(id.schema(), id.table())) {
            byRelationId.put(relation.relationId(), new Entry(relation, null));
            return;
        }
        List<String> columnOrder = new ArrayList<>(relation.columns().size());
        for (PgOutputMessage.RelationColumn c : relation.columns()) {
            columnOrder.add(c.name());
        }
        TableDefinition definition = catalog.read(id)
                .filter(d -> columnOrder.stream().allMatch(name -> d.column(name) != null))
                .orElseGet(() -> fromRelation(id, relation));
        CapturedTable table = schemaBuilder.build(definition, columnOrder);
        if (previous != null && previous.table() != null) {
            LOG.info("Table {} changed: columns now {}", id, columnOrder);
        }
        byRelationId.put(relation.relationId(), new Entry(relation, table));
    }

    /** The table of a relation id, captured or not. */
    TableId tableId(int relationId) {
        Entry entry = byRelationId.get(relationId);
        return entry == null ? null : new TableId(entry.relation().schema(), entry.relation().table());
    }

    /** The current version of a captured table, if the stream has described it. */
    Optional<CapturedTable> current(TableId id) {
        for (Entry entry : byRelationId.values()) {
            if (entry.table() != null && entry.table().id().equals(id)) {
                return Optional.of(entry.table());
            }
        }
        return Optional.empty();
    }

    /** The captured table of a relation id; empty when the relation is not captured. */
    Optional<CapturedTable> table(int relationId) {
        Entry entry = byRelationId.get(relationId);
        if (entry == null) {
            throw new IllegalStateException("Change for relation " + relationId + " arrived before its Relation message");
        }
        return Optional.ofNullable(entry.table());
    }

    /**
     * When the catalog no longer matches the message (the table was altered or dropped again since this change
     * was written), describe the table from the message alone: types by OID, identity columns as the key.
     */
    private TableDefinition fromRelation(TableId id, PgOutputMessage.Relation relation) {
        LOG.warn("The catalog no longer matches the change stream's definition of {} (altered or dropped since); "
                + "building its schema from the Relation message", id);
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        int position = 0;
        for (PgOutputMessage.RelationColumn c : relation.columns()) {
            String typeName = BuiltInTypes.name(c.typeOid());
            columns.add(new ColumnDefinition(c.name(), ++position, c.typeOid(), typeName, c.typeModifier(), typeName,
                    'U', true, null));
            if (c.partOfIdentity() && relation.replicaIdentity() != 'f') {
                key.add(c.name());
            }
        }
        return new TableDefinition(id, columns, key, relation.replicaIdentity());
    }
}
