package org.icl4j.engine.djl.probe;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.icl4j.algorithms.DeclaredFactory;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Parameter;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.Spec;
import org.icl4j.engine.djl.DjlDevices;

/**
 * Creates {@link DjlAttentionProbe}s from specs named {@value DjlAttentionProbe#MLP_NAME} or
 * {@value DjlAttentionProbe#LINEAR_NAME}, e.g. {@code attention-mlp:steps=4000,device=gpu}: the paper's training
 * settings ({@link DjlAttentionProbe.Settings#paper}) unless the spec changes them.
 */
public final class DjlAttentionProbeFactory extends DeclaredFactory<ProbeTrainer> {

    /** Largest accepted values: beyond them a run would not finish or not fit in memory on any machine we target. */
    private static final int MAX_STEPS = 10_000_000;
    private static final int MAX_BATCH = 1 << 20;
    private static final int MAX_WIDTH = 1 << 16;

    private final DjlAttentionProbe.Head head;

    /** @param head the probe's head, which gives the spec name */
    public DjlAttentionProbeFactory(DjlAttentionProbe.Head head) {
        super(nameOf(head), description(head), parameters(head));
        this.head = head;
    }

    private static String nameOf(DjlAttentionProbe.Head head) {
        return requireNonNull(head, "head is null") == DjlAttentionProbe.Head.MLP ? DjlAttentionProbe.MLP_NAME
                : DjlAttentionProbe.LINEAR_NAME;
    }

    private static String description(DjlAttentionProbe.Head head) {
        return "the paper's probe: softmax attention over the tokens of the first k pairs, a value projection, then "
                + (head == DjlAttentionProbe.Head.MLP ? "a 2-layer GeLU MLP" : "a linear head")
                + "; trained with Adam on DJL";
    }

    private static List<Parameter> parameters(DjlAttentionProbe.Head head) {
        DjlAttentionProbe.Settings paper = DjlAttentionProbe.Settings.paper(head, 2000, 0);
        List<Parameter> parameters = new ArrayList<>(List.of(
                new Parameter("steps", Integer.toString(paper.steps()), "Adam updates per layer, 1 … " + MAX_STEPS),
                new Parameter("batch", Integer.toString(paper.batchSize()), "episodes per update, 1 … " + MAX_BATCH),
                new Parameter("lr", Double.toString(paper.learningRate()), "Adam's learning rate, > 0")));
        if (head == DjlAttentionProbe.Head.MLP) {
            parameters.add(new Parameter("width", Integer.toString(paper.mlpWidth()), "hidden width of the MLP head, 1 … " + MAX_WIDTH));
        }
        parameters.add(new Parameter("seed", "0", "seed of the initial weights and the minibatch order"));
        parameters.add(new Parameter("device", "cpu", "cpu or gpu: where the probes train and predict"));
        return parameters;
    }

    @Override
    protected ProbeTrainer build(Spec spec, CreationContext context) {
        DjlAttentionProbe.Settings paper = DjlAttentionProbe.Settings.paper(head, 2000, 0);
        int steps = within("steps", spec.intValue("steps", paper.steps()), MAX_STEPS);
        int batch = within("batch", spec.intValue("batch", paper.batchSize()), MAX_BATCH);
        double lr = ParameterChecks.greaterThan("lr", spec.doubleValue("lr", paper.learningRate()), 0.0);
        if (!Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr must be finite, found " + lr);
        }
        int width = within("width", spec.intValue("width", paper.mlpWidth()), MAX_WIDTH);
        long seed = spec.get("seed").map(value -> parseSeed(spec, value)).orElse(0L);
        DjlAttentionProbe.Settings settings = new DjlAttentionProbe.Settings(head, steps, batch, lr, width, seed);
        return new DjlAttentionProbe(settings, DjlDevices.resolve(spec.stringValue("device", "cpu")));
    }

    private static int within(String name, int value, int maximum) {
        if (value < 1 || value > maximum) {
            throw new IllegalArgumentException(name + " must be in 1 … " + maximum + ", found " + value);
        }
        return value;
    }

    private static long parseSeed(Spec spec, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter 'seed' of '" + spec.name() + "' must be an integer, found '"
                    + value + "'", e);
        }
    }
}
