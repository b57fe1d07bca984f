package org.icl4j.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.Parameter;
import org.icl4j.api.Plugin;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.junit.jupiter.api.Test;

class BuiltinPluginTest {

    @Test
    void isFoundByTheServiceLoader() {
        List<Plugin> plugins = new ArrayList<>();
        ServiceLoader.load(Plugin.class).forEach(plugins::add);
        assertThat(plugins).anySatisfy(plugin -> assertThat(plugin).isInstanceOf(BuiltinPlugin.class));
    }

    @Test
    void contributesEveryBuiltInName() {
        BuiltinPlugin plugin = new BuiltinPlugin();
        assertThat(plugin.tasks()).extracting(ComponentFactory::name).containsExactly("linear");
        assertThat(plugin.estimators()).extracting(ComponentFactory::name)
                .containsExactly("ols", "ridge", "bayes", "gd", "sgd", "knn", "averaging", "zero");
        assertThat(plugin.metrics()).extracting(ComponentFactory::name)
                .containsExactly("squared-error", "spd", "ilwd", "r2", "mspd");
        assertThat(plugin.engines()).isEmpty();
    }

    @Test
    void everyFactoryAcceptsItsDocumentedDefaults() {
        BuiltinPlugin plugin = new BuiltinPlugin();
        Task task = plugin.tasks().iterator().next().create(Spec.of("linear"), CreationContext.NONE);
        CreationContext context = new CreationContext(task);
        for (ComponentFactory<Task> factory : plugin.tasks()) {
            assertThat(factory.create(withDefaults(factory.name(), factory.parameters()), context).name())
                    .isEqualTo("linear:d=8,noise=0.0,tau=1.0");
        }
        for (ComponentFactory<Estimator> factory : plugin.estimators()) {
            assertThat(factory.description()).isNotBlank();
            Estimator plain = factory.create(Spec.of(factory.name()), context);
            assertThat(plain.name()).isEqualTo(factory.name());
            Spec spec = withDefaults(factory.name(), factory.parameters());
            Estimator explicit = factory.create(spec, context);
            assertThat(explicit.name()).isEqualTo(spec.toString());
            var episodes = task.sample(3, 10, new org.icl4j.api.Rng(1));
            assertThat(explicit.predictPrefixes(episodes)).as(factory.name())
                    .containsExactly(plain.predictPrefixes(episodes));
        }
        for (ComponentFactory<Metric> factory : plugin.metrics()) {
            Metric metric = factory.create(withDefaults(factory.name(), factory.parameters()), context);
            assertThat(metric.name()).isEqualTo(factory.name());
        }
    }

    private static Spec withDefaults(String name, List<Parameter> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            values.put(parameter.name(), parameter.defaultValue());
        }
        return new Spec(name, values);
    }
}
