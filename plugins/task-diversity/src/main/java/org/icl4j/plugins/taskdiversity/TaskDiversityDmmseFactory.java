package org.icl4j.plugins.taskdiversity;

import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;

/**
 * Creates {@link TaskDiversityDmmse} estimators from specs named {@value #NAME}. The pool is the task under
 * study's, which must therefore be a {@code pool} task: the factory finds it through
 * {@link CreationContext#requireTask}, as the built-in {@code bayes} reads the task's Gaussian prior.
 */
public final class TaskDiversityDmmseFactory implements ComponentFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "dmmse";

    private static final String FROM_TASK = "task";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("noise", FROM_TASK, "the likelihood's sigma, >= 0 (0: the limit sigma -> 0, uniform over the"
                    + " members of smallest residual), or task for the pool task's noise"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Bayes predictor of a pool task: posterior mean over the pool, p_m ~ exp(-|y - X w_m|^2 / 2 noise^2)";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Estimator create(Spec spec, CreationContext context) {
        spec.requireKnownParameters(PARAMETERS.stream().map(Parameter::name).toList());
        Task task = context.requireTask(NAME);
        if (!(task instanceof TaskDiversityPoolTask pool)) {
            throw new IllegalArgumentException(NAME + " is the Bayes predictor of a pool task and needs one, e.g. --task "
                    + TaskDiversityPoolTaskFactory.NAME + ":size=16; found task '" + task.name() + "'");
        }
        double noise = pool.noise();
        if (!spec.stringValue("noise", FROM_TASK).equals(FROM_TASK)) {
            noise = spec.doubleValue("noise", 0.0);
            if (noise < 0) {
                throw new IllegalArgumentException("noise must be >= 0 or " + FROM_TASK + ", found " + noise);
            }
        }
        return new TaskDiversityDmmse(spec.toString(), pool, noise);
    }
}
