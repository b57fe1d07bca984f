package org.icl4j.plugins.taskdiversity;

import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;

/** Creates {@link TaskDiversityPoolTask}s from specs named {@value #NAME}, e.g. {@code pool:size=16,seed=1,d=8}. */
public final class TaskDiversityPoolTaskFactory implements ComponentFactory<Task> {

    /** The spec name. */
    public static final String NAME = "pool";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("size", "16", "pool size M (task diversity), >= 1, size * d <= "
                    + TaskDiversityPoolTask.MAX_POOL_VALUES),
            new Parameter("seed", "0", "seed of the pool (episodes take theirs from the command's --seed)"),
            new Parameter("d", "8", "input dimension, >= 1"),
            new Parameter("noise", "0", "label noise standard deviation sigma, >= 0"),
            new Parameter("tau", "1", "standard deviation tau of every weight coordinate of the pool's prior, > 0"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "linear regression whose w is drawn uniformly from a fixed pool of size vectors w_m ~ N(0, tau^2 I)";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Task create(Spec spec, CreationContext context) {
        spec.requireKnownParameters(PARAMETERS.stream().map(Parameter::name).toList());
        long seed;
        String rawSeed = spec.stringValue("seed", "0");
        try {
            seed = Long.parseLong(rawSeed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed must be an integer, found '" + rawSeed + "'");
        }
        return new TaskDiversityPoolTask(spec.intValue("size", 16), seed, spec.intValue("d", 8),
                spec.doubleValue("noise", 0.0), spec.doubleValue("tau", 1.0));
    }
}
