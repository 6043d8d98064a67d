package io.sluice.bench;

/** One benchmark of the suite: prepares shared data once, then measures each system in turn. */
interface Benchmark {
    Results.Benchmark result();

    /** Data every system reads (pre-loaded tables, the sink's topic); runs before any system. */
    default void prepare() throws Exception {}

    /** Measures one system ("raw", "debezium" or "sluice"), all runs; failures land in the result. */
    void run(String system);

    /** Removes what prepare() made. */
    default void cleanup() throws Exception {}
}
