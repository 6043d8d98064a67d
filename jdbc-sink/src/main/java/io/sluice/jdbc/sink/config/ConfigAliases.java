package io.sluice.jdbc.sink.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigException;

/**
 * The option names of Confluent's and Debezium's JDBC sinks, translated to ours so that a connector
 * config can be switched over by changing only {@code connector.class}.
 *
 * <p>An alias is used only when our own name is absent; both present with different values is an error.
 */
public final class ConfigAliases {

    /** One alias: its name, our name, and how its value reads in our terms. */
    record Alias(String alias, String canonical, UnaryOperator<String> translate) {
    }

    static final List<Alias> ALIASES = List.of(
            new Alias("connection.user", JdbcSinkConfig.CONNECTION_USERNAME, v -> v),
            new Alias("pk.mode", JdbcSinkConfig.PRIMARY_KEY_MODE, v -> v),
            new Alias("pk.fields", JdbcSinkConfig.PRIMARY_KEY_FIELDS, v -> v),
            new Alias("fields.whitelist", JdbcSinkConfig.FIELD_INCLUDE_LIST, v -> v),
            new Alias("db.timezone", JdbcSinkConfig.DATABASE_TIME_ZONE, v -> v),
            new Alias("connection.pool.max_size", JdbcSinkConfig.POOL_MAX_SIZE, v -> v),
            new Alias("quote.sql.identifiers", JdbcSinkConfig.QUOTE_IDENTIFIERS,
                    v -> Boolean.toString(!"never".equalsIgnoreCase(v.trim()))));

    /** Confluent's two switches, which we express as one {@code schema.evolution}. */
    static final String AUTO_CREATE = "auto.create";
    static final String AUTO_EVOLVE = "auto.evolve";

    private ConfigAliases() {
    }

    /** Aliases set together with our own name to a different value. */
    public static List<ConfigProblem> conflicts(Map<String, String> props) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Alias alias : ALIASES) {
            String value = props.get(alias.alias());
            String own = props.get(alias.canonical());
            if (value != null && own != null && !own.trim().equalsIgnoreCase(alias.translate().apply(value).trim())) {
                problems.add(new ConfigProblem(alias.alias(), alias.alias() + "=" + value + " conflicts with "
                        + alias.canonical() + "=" + own + "; set only one of them"));
            }
        }
        return problems;
    }

    /** Returns a copy of {@code props} where every alias has been written under our own name. */
    public static Map<String, String> apply(Map<String, String> props) {
        List<ConfigProblem> problems = conflicts(props);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.get(0).message());
        }
        Map<String, String> result = new HashMap<>(props);
        for (Alias alias : ALIASES) {
            String value = props.get(alias.alias());
            if (value == null) {
                continue;
            }
            if (props.get(alias.canonical()) == null) {
                result.put(alias.canonical(), alias.translate().apply(value));
            }
        }
        boolean autoCreate = Boolean.parseBoolean(props.getOrDefault(AUTO_CREATE, "false").trim());
        boolean autoEvolve = Boolean.parseBoolean(props.getOrDefault(AUTO_EVOLVE, "false").trim());
        if ((autoCreate || autoEvolve) && !props.containsKey(JdbcSinkConfig.SCHEMA_EVOLUTION)) {
            result.put(JdbcSinkConfig.SCHEMA_EVOLUTION, SchemaEvolution.BASIC.name().toLowerCase(Locale.ROOT));
        }
        return result;
    }
}
