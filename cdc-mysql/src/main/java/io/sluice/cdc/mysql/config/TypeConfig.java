package io.sluice.cdc.mysql.config;

import io.sluice.schema.types.TypeOptions;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** How column values are written: the shared type options plus MySQL's zero dates. */
public final class TypeConfig {

    public static final String GROUP = "Types";

    public static final String ZERO_DATE_HANDLING_MODE_CONFIG = "zero.date.handling.mode";

    private final TypeOptions typeOptions;
    private final ZeroDateHandlingMode zeroDateHandling;

    TypeConfig(AbstractConfig config) {
        this.typeOptions = TypeOptions.from(config);
        this.zeroDateHandling = ZeroDateHandlingMode.parse(config.getString(ZERO_DATE_HANDLING_MODE_CONFIG));
    }

    public TypeConfig(TypeOptions typeOptions, ZeroDateHandlingMode zeroDateHandling) {
        this.typeOptions = typeOptions;
        this.zeroDateHandling = zeroDateHandling;
    }

    static void define(ConfigDef def) {
        TypeOptions.define(def, GROUP);
        def.define(ZERO_DATE_HANDLING_MODE_CONFIG, Type.STRING, ZeroDateHandlingMode.NULL.value(),
                ConfigDef.CaseInsensitiveValidString.in("null", "epoch"), Importance.LOW,
                "What MySQL's zero dates (0000-00-00, 0000-00-00 00:00:00, or a zero month or day, allowed "
                        + "without NO_ZERO_DATE/NO_ZERO_IN_DATE) become in DATE, DATETIME and TIMESTAMP columns. "
                        + "'null': null in nullable columns and the epoch 1970-01-01 00:00:00 in NOT NULL columns. "
                        + "'epoch': always the epoch.",
                GROUP, 100, Width.SHORT, "Zero dates");
    }

    public TypeOptions typeOptions() {
        return typeOptions;
    }

    public ZeroDateHandlingMode zeroDateHandling() {
        return zeroDateHandling;
    }
}
