package org.icl4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void readsNestedValues() {
        Object json = JsonText.parse("{\"model\": {\"dimension\": 8, \"eps\": 1e-5, \"block\": \"pre-ln\"},"
                + " \"list\": [1, true, null, \"a\\\"b\\u00e9\"], \"empty\": {}}");
        assertThat(JsonText.at(json, "model", "dimension")).isEqualTo(8.0);
        assertThat(JsonText.at(json, "model", "eps")).isEqualTo(1e-5);
        assertThat(JsonText.at(json, "model", "block")).isEqualTo("pre-ln");
        assertThat(JsonText.at(json, "list")).isEqualTo(java.util.Arrays.asList(1.0, true, null, "a\"bé"));
        assertThat(JsonText.at(json, "empty")).isEqualTo(Map.of());
        assertThat(JsonText.at(json, "model", "missing")).isNull();
        assertThat(JsonText.at(json, "list", "x")).isNull();
        assertThat(JsonText.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void namesTheOffsetOfMalformedText() {
        assertThatThrownBy(() -> JsonText.parse("{\"a\": 1,}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed JSON at offset 8: expected a quoted key");
        assertThatThrownBy(() -> JsonText.parse("[1] x"))
                .hasMessage("malformed JSON at offset 4: unexpected text after the JSON value");
        assertThatThrownBy(() -> JsonText.parse("{\"a\": "))
                .hasMessageContaining("unexpected end of text");
    }
}
