package org.icl4j.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.icl4j.api.Plugin;
import org.icl4j.cli.fake.FakePlugin;
import org.icl4j.harness.plugin.Components;
import org.icl4j.harness.plugin.DuplicateNameException;
import org.icl4j.harness.plugin.Engines;
import org.icl4j.harness.plugin.LoadedPlugin;
import org.icl4j.harness.plugin.Plugins;
import org.icl4j.harness.plugin.Registry;
import org.junit.jupiter.api.Test;

class RegistryTest {

    @Test
    void duplicateNamesFailAtStartUpNamingTheKeyAndBothPlugins() {
        LoadedPlugin first = new LoadedPlugin(new FakePlugin(), "first", "/a/first.jar");
        LoadedPlugin second = new LoadedPlugin(new FakePlugin(), "second", "/b/second.jar");
        assertThatThrownBy(() -> Registry.of(List.of(first, second)))
                .isInstanceOf(DuplicateNameException.class)
                .hasMessageContaining("duplicate estimator name 'fake-zero' contributed by plugin 'first' (from /a/first.jar)"
                        + " and by plugin 'second' (from /b/second.jar)")
                .hasMessageContaining("duplicate task name 'fake-linear'")
                .hasMessageContaining("duplicate metric name 'fake-spd'")
                .hasMessageContaining("duplicate engine name 'fake'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void oneDuplicateAmongDistinctContributionsIsReportedAlone() {
        Plugin onlyZero = new Plugin() {
            @Override
            public String name() {
                return "zero-again";
            }

            @Override
            public java.util.Collection<org.icl4j.api.ComponentFactory<org.icl4j.api.Estimator>> estimators() {
                return List.of(org.icl4j.cli.fake.FakeEstimators.zero());
            }
        };
        LoadedPlugin fake = new LoadedPlugin(new FakePlugin(), "fake-plugin", "/a/fake.jar");
        LoadedPlugin again = new LoadedPlugin(onlyZero, "zero-again", "/b/zero.jar");
        assertThatThrownBy(() -> Registry.of(List.of(fake, again)))
                .isInstanceOf(DuplicateNameException.class)
                .hasMessageStartingWith("duplicate estimator name 'fake-zero' contributed by plugin 'fake-plugin' (from /a/fake.jar)"
                        + " and by plugin 'zero-again' (from /b/zero.jar); names must be unique");
    }

    @Test
    void probesAndProbeTargetsContributedTwiceFailLikeEveryOtherKind() {
        Plugin probes = new Plugin() {
            @Override
            public java.util.Collection<org.icl4j.api.ComponentFactory<org.icl4j.api.ProbeTrainer>> probeTrainers() {
                return new org.icl4j.algorithms.BuiltinPlugin().probeTrainers();
            }

            @Override
            public java.util.Collection<org.icl4j.api.ComponentFactory<org.icl4j.api.ProbeTarget>> probeTargets() {
                return new org.icl4j.algorithms.BuiltinPlugin().probeTargets();
            }
        };
        LoadedPlugin builtins = new LoadedPlugin(new org.icl4j.algorithms.BuiltinPlugin(), "built-ins", "/a/algorithms.jar");
        LoadedPlugin copy = new LoadedPlugin(probes, "copy", "/b/copy.jar");

        assertThat(Registry.of(List.of(builtins)).components().probeTrainers().names()).containsExactly("last-linear");
        assertThat(Registry.of(List.of(builtins)).components().probeTargets().names()).containsExactly("w", "w-ols", "xty");
        assertThatThrownBy(() -> Registry.of(List.of(builtins, copy)))
                .isInstanceOf(DuplicateNameException.class)
                .hasMessageContaining("duplicate probe name 'last-linear' contributed by plugin 'built-ins' (from "
                        + "/a/algorithms.jar) and by plugin 'copy' (from /b/copy.jar)")
                .hasMessageContaining("duplicate probe target name 'xty'");
    }

    @Test
    void registriesHoldEveryContributionWithItsPlugin() {
        LoadedPlugin fake = new LoadedPlugin(new FakePlugin(), "fake-plugin", "/a/fake.jar");
        Registry registry = Registry.of(List.of(fake));
        Components components = registry.components();
        assertThat(components.estimators().names()).containsExactly("fake-failing", "fake-mean", "fake-zero");
        assertThat(components.tasks().find("fake-linear")).get()
                .satisfies(r -> assertThat(r.source()).isEqualTo(fake));
        assertThat(registry.engines().names()).containsExactly("fake");
        assertThat(registry.plugins().all()).containsExactly(fake);
    }
}
