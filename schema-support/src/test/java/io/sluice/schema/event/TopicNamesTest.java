package io.sluice.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void keepsValidNamesAndReplacesTheRest() {
        assertThat(TopicNames.sanitise("shop.public.orders_2024-v1")).isEqualTo("shop.public.orders_2024-v1");
        assertThat(TopicNames.sanitise("shop.public.Order \"Lines\" Selé")).isEqualTo("shop.public.Order__Lines__Sel_");
    }
}
