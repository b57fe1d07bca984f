package org.icl4j.plugins.secondorder;

import java.util.Collection;
import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.Estimator;
import org.icl4j.api.Plugin;

/** Contributes the estimators {@code newton} and {@code pgd}. */
public final class SecondOrderPlugin implements Plugin {

    @Override
    public String name() {
        return "second-order";
    }

    @Override
    public Collection<ComponentFactory<Estimator>> estimators() {
        return List.of(new SecondOrderNewtonFactory(), new SecondOrderPreconditionedDescentFactory());
    }
}
