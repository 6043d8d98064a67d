package io.sluice.cdc.mysql.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BinlogOffsetTest {

    @Test
    void roundTripsThroughTheOffsetMap() {
        BinlogOffset offset = BinlogOffset.at("mysql-bin.000003", 1234, "0-1-99").within(2, 17);
        Map<String, Object> map = offset.toMap();
        assertThat(map).containsEntry("file", "mysql-bin.000003").containsEntry("pos", 1234L)
                .containsEntry("gtids", "0-1-99").containsEntry("event", 2L).containsEntry("row", 17L)
                .doesNotContainKey("snapshot");
        assertThat(BinlogOffset.fromMap(map)).isEqualTo(offset);
    }

    @Test
    void aPositionBetweenTransactionsStoresNoProgress() {
        Map<String, Object> map = BinlogOffset.at("f", 4, "").toMap();
        assertThat(map).containsOnlyKeys("file", "pos");
        assertThat(BinlogOffset.fromMap(map).gtids()).isNull();
    }

    @Test
    void snapshotProgressIsKeptWhileTheSnapshotRuns() {
        BinlogOffset offset = BinlogOffset.at("f", 4, null).withSnapshot(true, "db\tt\t42\n");
        BinlogOffset read = BinlogOffset.fromMap(offset.toMap());
        assertThat(read.snapshot()).isTrue();
        assertThat(read.snapshotProgress()).isEqualTo("db\tt\t42\n");
        // Integers, as a JSON offset store may hand back, are read too.
        assertThat(BinlogOffset.fromMap(Map.of("file", "f", "pos", 4, "row", 3)).rows()).isEqualTo(3);
        assertThat(BinlogOffset.fromMap(null)).isNull();
    }

    @Test
    void gtidPositionsKeepTheLastGtidPerMariaDbDomainAndMySqlRanges() {
        GtidPositions maria = GtidPositions.parse("0-1-10,1-2-5", true);
        maria.add("0-3-11");
        assertThat(maria.toString()).isEqualTo("0-3-11,1-2-5");
        GtidPositions mysql = GtidPositions.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5", false);
        mysql.add("3e11fa47-71ca-11e1-9e33-c80aa9429562:6");
        assertThat(mysql.toString()).isEqualTo("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-6");
    }
}
