package io.sluice.cdc.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinlogRetentionTest {

    @Test
    void aMariaDbPositionIsAvailableWhenNoDomainOfTheOldestBinlogIsAheadOfIt() {
        assertThat(BinlogRetention.mariaDbBehind("0-1-100", "")).isNull();
        assertThat(BinlogRetention.mariaDbBehind("0-1-100", "0-1-100")).isNull();
        assertThat(BinlogRetention.mariaDbBehind("0-1-150,1-2-7", "0-1-100,0-3-90,1-2-7")).isNull();
    }

    @Test
    void aMariaDbPositionIsPurgedWhenADomainOfTheOldestBinlogIsAheadOrUnknown() {
        assertThat(BinlogRetention.mariaDbBehind("0-1-99", "0-1-100")).contains("domain 0");
        assertThat(BinlogRetention.mariaDbBehind("0-1-150", "0-1-100,1-2-7")).contains("domain 1")
                .contains("nothing");
        assertThat(BinlogRetention.mariaDbBehind("0-1-100", "0-1-90,0-2-120")).contains("purged up to 120");
    }
}
