package io.sluice.jdbc.sink.dialect;

/** MariaDB: as MySQL, but without row aliases in {@code INSERT}; the new row is {@code VALUES(c)}. */
public final class MariaDbDialect extends MySqlDialect {

    public MariaDbDialect() {
        super(false);
    }

    @Override
    public String name() {
        return "mariadb";
    }
}
