package io.sluice.jdbc.sink.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionCheckTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*.*|shop|true",
        "`shop`.*|shop|true",
        "`shop`.`orders`|shop|true",
        "`shop`.*|shopping|false",
        "`sh%`.*|shopping|true",
        "`sh_p`.*|shop|true",
        "`sh\\_p`.*|shop|false",
        "`sh\\_p`.*|sh_p|true",
        "`odd``name`.*|odd`name|true",
        "`other`.*|shop|false"})
    void grantsCoverTheDatabasesTheirPatternsMatch(String on, String database, boolean covers) {
        assertThat(ConnectionCheck.grantCovers(on, database)).isEqualTo(covers);
    }
}
