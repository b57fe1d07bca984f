package org.icl4j.cli.fake;

import java.util.Collection;
import java.util.List;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.Task;

/**
 * A test plugin on the test class path (registered in META-INF/services) with hand-written components whose
 * behaviour the tests know exactly: a Gaussian linear task, a zero estimator, a running-mean estimator, a
 * squared-error metric and an engine that loads {@link FakeEngine} models.
 */
public final class FakePlugin implements org.icl4j.api.Plugin {

    @Override
    public String name() {
        return "fake-plugin";
    }

    @Override
    public Collection<ComponentFactory<Task>> tasks() {
        return List.of(new FakeLinearTask.Factory());
    }

    @Override
    public Collection<ComponentFactory<Estimator>> estimators() {
        return List.of(FakeEstimators.zero(), FakeEstimators.scaledMean(), FakeEstimators.failing());
    }

    @Override
    public Collection<ComponentFactory<Metric>> metrics() {
        return List.of(FakeSquaredError.single(), FakeSquaredError.pair());
    }

    @Override
    public Collection<EngineProvider> engines() {
        return List.of(new FakeEngine.Provider());
    }
}
