package io.sluice.jdbc.sink.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T12:34:56Z", "2026-11-24T12:34:56.1Z", "2026-11-24T12:34:56.123456Z",
            "2026-11-24T12:34:56.123456789Z", "1970-01-01T00:00:00+01:00", "2024-02-29T23:59:59.5-05:30",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999+14:00", "2026-11-24T12:34Z",
            "+12026-11-24T12:34:56Z", "2026-11-24T12:34:56+01:00:30", "2026-11-24T12:34:56.123+0100", "2026-11-24T12:34:56.Z"})
    void zonedTimestampsReadAsTheFormatterReadsThem(String text) {
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(text);
        } catch (RuntimeException e) {
            assertThatThrownBy(() -> ConnectValues.zonedTimestamp(text)).isInstanceOf(DataException.class);
            return;
        }
        assertThat(ConnectValues.zonedTimestamp(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-24T12:34:56Z", "2026-02-30T12:34:56Z", "2026-11-24T25:34:56Z",
            "2026-11-24T12:34:56.1234567890Z", "2026-11-24T12:34:56+19:00",
            "2026-11-24 12:34:56Z", "not a timestamp at all", "2026-11-24T12:34:56"})
    void malformedZonedTimestampsAreRefused(String text) {
        assertThatThrownBy(() -> ConnectValues.zonedTimestamp(text)).isInstanceOf(DataException.class);
    }
}
