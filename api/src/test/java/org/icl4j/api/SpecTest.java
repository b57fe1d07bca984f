package org.icl4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecTest {

    @Test
    void parsesNameAndParameters() {
        Spec spec = Spec.parse("ridge:lambda=0.25");
        assertThat(spec.name()).isEqualTo("ridge");
        assertThat(spec.parameters()).containsExactly(Map.entry("lambda", "0.25"));
        assertThat(spec.doubleValue("lambda", 1)).isEqualTo(0.25);
        assertThat(spec.doubleValue("missing", 1.5)).isEqualTo(1.5);
    }

    @Test
    void listContinuesParametersAfterCommas() {
        List<Spec> specs = Spec.parseList("ols,knn:k=3,weights=inverse-square,ridge:lambda=1/16;zero");
        assertThat(specs).extracting(Spec::name).containsExactly("ols", "knn", "ridge", "zero");
        assertThat(specs.get(1).parameters()).containsExactly(Map.entry("k", "3"), Map.entry("weights", "inverse-square"));
        assertThat(specs.get(2).doubleValue("lambda", 0)).isEqualTo(0.0625);
    }

    @Test
    void toStringRoundTrips() {
        String text = "knn:k=3,weights=uniform";
        assertThat(Spec.parse(text).toString()).isEqualTo(text);
        assertThat(Spec.parse(Spec.parse(text).toString())).isEqualTo(Spec.parse(text));
        assertThat(Spec.of("ols").toString()).isEqualTo("ols");
        assertThat(Spec.of("gd").with("lr", "0.01").toString()).isEqualTo("gd:lr=0.01");
    }

    @Test
    void malformedTextIsRejectedWithTheOffendingPart() {
        assertThatThrownBy(() -> Spec.parse("ridge:lambda")).hasMessageContaining("expected KEY=VALUE");
        assertThatThrownBy(() -> Spec.parseList("ols,,ridge")).hasMessageContaining("empty item");
        assertThatThrownBy(() -> Spec.parseList("k=3")).hasMessageContaining("before any component name");
        assertThatThrownBy(() -> Spec.parse("ridge:lambda=1,lambda=2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> Spec.parse("ri dge")).hasMessageContaining("malformed component name 'ri dge'");
        assertThatThrownBy(() -> Spec.parse("ridge:")).hasMessageContaining("no parameters");
        assertThatThrownBy(() -> Spec.parse("ols,ridge")).hasMessageContaining("expected one component spec, found 2");
    }

    @Test
    void typedGettersExplainBadValues() {
        Spec spec = Spec.parse("x:a=abc,b=1.5,c=maybe,d=NaN");
        assertThatThrownBy(() -> spec.doubleValue("a", 0)).hasMessage("parameter 'a' of 'x' must be a number, found 'abc'");
        assertThatThrownBy(() -> spec.intValue("b", 0)).hasMessage("parameter 'b' of 'x' must be an integer, found '1.5'");
        assertThatThrownBy(() -> spec.booleanValue("c", false)).hasMessage("parameter 'c' of 'x' must be true or false, found 'maybe'");
        assertThatThrownBy(() -> spec.doubleValue("d", 0)).hasMessage("parameter 'd' of 'x' must be finite, found 'NaN'");
    }

    @Test
    void unknownParametersListTheAllowedOnes() {
        Spec spec = Spec.parse("ridge:lamda=0.1");
        assertThatThrownBy(() -> spec.requireKnownParameters(List.of("lambda")))
                .hasMessage("unknown parameter 'lamda' for 'ridge'; allowed: lambda");
        assertThatThrownBy(() -> Spec.parse("ols:x=1").requireKnownParameters(List.of()))
                .hasMessage("unknown parameter 'x' for 'ols'; it takes no parameters");
    }
}
