package io.sluice.cdc.postgres.table;

import org.apache.kafka.connect.data.Schema;

/** Converts PostgreSQL's text output of one column's values into Connect values of {@link #schema()}. */
public interface TextConverter {

    Schema schema();

    /** The Connect value of a non-null text value. */
    Object toConnect(String text);
}
