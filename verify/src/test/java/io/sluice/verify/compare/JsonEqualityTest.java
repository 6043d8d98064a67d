package io.sluice.verify.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonEqualityTest {

    @Test
    void keyOrderBlanksAndNumberSpellingDoNotMatter() {
        assertThat(JsonEquality.same("{\"b\":1,\"a\":[1,2.50]}", "{\"a\": [1, 2.5], \"b\": 1.0}")).isTrue();
        assertThat(JsonEquality.same(null, null)).isTrue();
    }

    @Test
    void valuesArrayOrderAndNullsDo() {
        assertThat(JsonEquality.same("{\"a\":[1,2]}", "{\"a\":[2,1]}")).isFalse();
        assertThat(JsonEquality.same("{\"a\":1}", "{\"a\":1,\"b\":null}")).isFalse();
        assertThat(JsonEquality.same("{\"a\":\"1\"}", "{\"a\":1}")).isFalse();
        assertThat(JsonEquality.same("{}", null)).isFalse();
        assertThat(JsonEquality.same("not json", "{}")).isFalse();
    }
}
