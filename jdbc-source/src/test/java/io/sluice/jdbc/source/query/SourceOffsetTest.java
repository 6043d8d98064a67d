package io.sluice.jdbc.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceOffsetTest {

    @Test
    void keepsMicrosecondsThroughTheOffsetStore() {
        Timestamp timestamp = Timestamp.valueOf("2024-02-29 13:14:15.123456");
        SourceOffset offset = new SourceOffset(42L, timestamp);
        Map<String, Object> stored = offset.toMap();
        assertThat(stored).containsOnlyKeys("incrementing", "timestamp", "timestamp_nanos");
        assertThat(SourceOffset.fromMap(stored)).isEqualTo(offset);
        assertThat(SourceOffset.fromMap(stored).timestamp().getNanos()).isEqualTo(123_456_000);
    }

    @Test
    void acceptsIntegersAsTheJsonStoreReturnsThem() {
        assertThat(SourceOffset.fromMap(Map.of("incrementing", 5))).isEqualTo(new SourceOffset(5L, null));
    }

    @Test
    void anEmptyOffsetIsNoOffset() {
        assertThat(SourceOffset.fromMap(Map.of())).isNull();
        assertThat(SourceOffset.fromMap(null)).isNull();
    }
}
