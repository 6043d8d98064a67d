package io.sluice.cdc.postgres.stream;

/** Names of PostgreSQL's built-in scalar types by OID, for when the catalog cannot be asked. */
final class BuiltInTypes {

    private BuiltInTypes() {
    }

    static String name(int oid) {
        switch (oid) {
            case 16: return "bool";
            case 17: return "bytea";
            case 20: return "int8";
            case 21: return "int2";
            case 23: return "int4";
            case 25: return "text";
            case 114: return "json";
            case 700: return "float4";
            case 701: return "float8";
            case 1042: return "bpchar";
            case 1043: return "varchar";
            case 1082: return "date";
            case 1083: return "time";
            case 1114: return "timestamp";
            case 1184: return "timestamptz";
            case 1266: return "timetz";
            case 1700: return "numeric";
            case 2950: return "uuid";
            case 3802: return "jsonb";
            default: return "text";
        }
    }
}
