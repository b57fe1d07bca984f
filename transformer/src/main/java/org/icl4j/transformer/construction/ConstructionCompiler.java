package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;

/**
 * Lowers a {@link Program} to the weights of a transformer of docs/MODEL.md, one block per primitive (Lemma 1,
 * Appendix C.4). Blocks are {@code plain} ({@code h = h + Attn(h); h' = h + MLP(h)}), except that a div block is
 * {@code plain-mlp-norm} (LayerNorm before the MLP), set per block through {@code blockOverrides}.
 *
 * <p><b>Embedding.</b> {@code input} copies the token {@code [y, x]} into the program's rows y and x; the
 * position embedding writes t/P₀ and (t/P₀)² (the attention keys, P₀ a power of two so both are exact in
 * float32) and the program's position features.
 *
 * <p><b>Read (attention).</b> Two heads. Head 0 reads the primitive's earlier column(s): for a read of column
 * t − k, query and key are {@code q_t ∝ (2(t − k), −1)}, {@code k_u = (u, u²)} (scaled through t/P₀), so
 * {@code score(t, u) = β(2u(t − k) − u²) = −β(u − (t − k))² + const}: the nearest column wins by a margin of at
 * least β = {@value #ATTENTION_GAP} (softmax leakage {@code e^{−β}}), and a column before the start falls back to
 * column 0. A prefix mean uses zero queries and keys, i.e. uniform causal attention. Head 1 reads the current
 * column (k = 0). Values copy rows; the output projection maps them to rows, which is how the affine parts of
 * every primitive, and the overwrite of the target rows (value −h[target]), are done exactly.
 *
 * <p><b>Arithmetic (MLP).</b> An element-wise product uses the GeLU identity of Lemma 4 at three input
 * scales, ε, 2ε and 4ε, combined by Richardson extrapolation (nine GeLU units, shared between products with a
 * common operand), which leaves an O(ε⁶) instead of an O(ε²) error. Each operand is first divided by its largest
 * value on a few calibration episodes ({@link Calibration}), so ε = 1/p is relative to the operand's size;
 * the current column's
 * operands are read directly, an earlier column's operands through scratch rows that head 0 fills. When the
 * target is also an operand, the MLP overwrites it through the GeLU bypass (Lemma 5) instead of the attention.
 *
 * <p><b>Division (Lemma 8).</b> Head 1 writes ±M·c into two compiler rows and clears the target; LayerNorm then
 * divides every row by {@code σ ≈ M|c|√(2/H)}; the MLP reads {@code g·(LN[num] − LN[zero])}, g = M√(2/H) (the
 * zero row removes LayerNorm's mean), and writes it through the bypass. The ±M·c rows stay until the next
 * division overwrites them; nothing else reads them.
 */
public final class ConstructionCompiler {

    /** β, the score margin of the positional attention; e^{−40} ≈ 4e-18 of leakage. */
    public static final double ATTENTION_GAP = 40;

    /** √(π/2): GeLU(z) = z/2 + z²/√(2π) + O(z⁴) (for the exact and the tanh GeLU), so xy = √(π/2)·(…)/ε². */
    static final double PRODUCT_CONSTANT = Math.sqrt(Math.PI / 2);

    private static final int HEADS = 2;

    /** The input scales, in units of ε, at which each product is evaluated. */
    private static final double[] RICHARDSON_SCALES = {1, 2, 4};

    /** Their extrapolation weights: Σ w = 1, Σ w·s² = 0, Σ w·s⁴ = 0. */
    private static final double[] RICHARDSON_WEIGHTS = {64.0 / 45, -20.0 / 45, 1.0 / 45};

    private ConstructionCompiler() {
    }

    /**
     * @param program the program
     * @param precision the approximation knob
     * @return the compiled model
     */
    public static CompiledConstruction compile(Program program, Precision precision) {
        requireNonNull(program, "program is null");
        requireNonNull(precision, "precision is null");
        int programRows = program.rows();
        int scratchSize = 0;
        boolean divides = false;
        for (Primitive step : program.steps()) {
            if (step instanceof Div) {
                divides = true;
            } else {
                Raw raw = ((RawForm) step).toRaw();
                if (raw.operation() == Raw.Operation.MULTIPLY && !raw.read().isCurrent()) {
                    scratchSize = Math.max(scratchSize, raw.terms());
                }
            }
        }
        int position = programRows;
        int positionSquared = programRows + 1;
        int zero = programRows + 2;
        int divisorPlus = divides ? programRows + 3 : -1;
        int divisorMinus = divides ? programRows + 4 : -1;
        int scratch = programRows + (divides ? 5 : 3);
        int hidden = scratch + scratchSize;
        CompiledConstruction.CompilerRows rows = new CompiledConstruction.CompilerRows(position, positionSquared, zero,
                divisorPlus, divisorMinus, scratch, scratchSize);

        Calibration calibration = Calibration.of(program);
        List<LayerPlan> plans = new ArrayList<>();
        for (int l = 0; l < program.steps().size(); l++) {
            Primitive step = program.steps().get(l);
            LayerPlan plan = new LayerPlan(hidden);
            if (step instanceof Div div) {
                planDivision(plan, div, rows, precision);
            } else {
                Raw raw = ((RawForm) step).toRaw();
                boolean products = raw.operation() == Raw.Operation.MULTIPLY;
                planRaw(plan, raw, rows, precision, products ? calibration.left(l) : null,
                        products ? calibration.right(l) : null);
            }
            plans.add(plan);
        }
        int headSize = 2;
        int mlpHidden = 1;
        Map<Integer, BlockVariant> overrides = new TreeMap<>();
        for (int l = 0; l < plans.size(); l++) {
            LayerPlan plan = plans.get(l);
            for (Head head : plan.heads) {
                headSize = Math.max(headSize, head.used().size());
            }
            mlpHidden = Math.max(mlpHidden, plan.neurons.size());
            if (plan.normaliseMlpInput) {
                overrides.put(l, BlockVariant.PLAIN_MLP_NORM);
            }
        }
        TransformerConfig config = new TransformerConfig(program.dimension(), program.maxPairs(), plans.size(), hidden,
                HEADS, headSize, mlpHidden, BlockVariant.PLAIN, Activation.GELU_TANH,
                TransformerConfig.DEFAULT_LAYER_NORM_EPSILON, overrides);

        Map<String, Tensor> weights = new LinkedHashMap<>();
        writeEmbedding(weights, program, config, rows);
        for (int l = 0; l < plans.size(); l++) {
            writeLayer(weights, "blocks." + l + ".", plans.get(l), config, rows);
        }
        double[][] readout = new double[1][hidden];
        readout[0][program.prediction().start()] = 1;
        weights.put("readout.weight", tensor(readout));
        weights.put("readout.bias", tensor(new double[1]));
        return new CompiledConstruction(program, precision, config, weights, rows);
    }

    /** The smallest power of two ≥ the number of positions: t/P₀ and (t/P₀)² are then exact in float32. */
    static int positionScale(int positions) {
        return Integer.highestOneBit(Math.max(positions - 1, 1)) << 1;
    }

    private static void writeEmbedding(Map<String, Tensor> weights, Program program, TransformerConfig config,
            CompiledConstruction.CompilerRows rows) {
        int hidden = config.hidden();
        double[][] input = new double[hidden][config.tokenWidth()];
        input[program.y().start()][0] = 1;
        for (int j = 0; j < program.dimension(); j++) {
            input[program.x().row(j)][1 + j] = 1;
        }
        weights.put("input.weight", tensor(input));
        weights.put("input.bias", tensor(new double[hidden]));
        int positions = config.positions();
        int scale = positionScale(positions);
        double[][] position = new double[positions][hidden];
        for (int t = 0; t < positions; t++) {
            double rho = (double) t / scale;
            position[t][rows.position()] = rho;
            position[t][rows.positionSquared()] = rho * rho;
            for (Map.Entry<PositionFeature, RowRange> feature : program.features().entrySet()) {
                position[t][feature.getValue().start()] = feature.getKey().value(t, positions);
            }
        }
        weights.put("position.weight", tensor(position));
    }

    private static void planRaw(LayerPlan plan, Raw raw, CompiledConstruction.CompilerRows rows, Precision precision,
            double[] leftSize, double[] rightSize) {
        int m = raw.terms();
        RowRange write = raw.writeRows();
        Head self = plan.heads[1];
        self.read = ColumnRead.CURRENT;
        // A read of the current column shares head 1, where a channel per source row serves every use of that
        // row (an in-place aff's read and clear of its target cancel into one channel).
        Head read = raw.read().isCurrent() ? self : plan.heads[0];
        read.read = raw.read();
        if (raw.operation() == Raw.Operation.ADD) {
            // Everything is linear: head 0 carries W_o·W_a·h_K(t)[read], head 1 W_o·W·h_t[self] − h_t[write].
            if (raw.readRows() != null) {
                double[][] combined = product(raw.outputWeights(), raw.readWeights());
                for (int i = 0; i < raw.readRows().size(); i++) {
                    double[] output = new double[plan.hidden];
                    for (int p = 0; p < write.size(); p++) {
                        output[write.row(p)] = combined[p][i];
                    }
                    read.add(raw.readRows().row(i), output);
                }
            }
            if (raw.selfRows() != null) {
                double[][] combined = product(raw.outputWeights(), raw.selfWeights());
                for (int i = 0; i < raw.selfRows().size(); i++) {
                    double[] output = new double[plan.hidden];
                    for (int p = 0; p < write.size(); p++) {
                        output[write.row(p)] = combined[p][i];
                    }
                    self.add(raw.selfRows().row(i), output);
                }
            }
            clearInAttention(plan, write);
            for (int p = 0; p < write.size(); p++) {
                plan.attentionBias[write.row(p)] += raw.bias()[p];
            }
            return;
        }
        // ⊙: a_k and b_k as linear forms over the hidden state that the MLP sees.
        boolean direct = raw.read().isCurrent();
        double[][] left = new double[m][plan.hidden];
        if (direct) {
            for (int k = 0; k < m; k++) {
                for (int i = 0; i < raw.readRows().size(); i++) {
                    left[k][raw.readRows().row(i)] += raw.readWeights()[k][i];
                }
            }
        } else {
            for (int i = 0; i < raw.readRows().size(); i++) {
                double[] output = new double[plan.hidden];
                for (int k = 0; k < m; k++) {
                    output[rows.scratch() + k] = raw.readWeights()[k][i];
                }
                read.add(raw.readRows().row(i), output);
            }
            for (int k = 0; k < m; k++) {
                double[] output = new double[plan.hidden];
                output[rows.scratch() + k] = -1;
                self.add(rows.scratch() + k, output);
                left[k][rows.scratch() + k] = 1;
            }
        }
        double[][] right = new double[m][plan.hidden];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < raw.selfRows().size(); i++) {
                right[k][raw.selfRows().row(i)] += raw.selfWeights()[k][i];
            }
        }
        boolean inPlace = write.overlaps(raw.selfRows()) || (direct && write.overlaps(raw.readRows()));
        double bypass = precision.bypassOffset();
        if (inPlace) {
            // The operands are still needed by the MLP, so the old target is removed there: GeLU(N + h) − N ≈ h.
            for (int p = 0; p < write.size(); p++) {
                double[] in = new double[plan.hidden];
                in[write.row(p)] = 1;
                double[] out = new double[plan.hidden];
                out[write.row(p)] = -1;
                plan.neuron(in, bypass, out);
                plan.mlpBias[write.row(p)] += bypass;
            }
        } else {
            clearInAttention(plan, write);
        }
        // Lemma 4 at the scales ε, 2ε and 4ε (each operand divided by its calibrated size), combined as
        // (64·P(ε) − 20·P(2ε) + P(4ε))/45: GeLU(z) − z/2 is even, so P(ε) = ab + K₂ε² + K₄ε⁴ + O(ε⁶), and these
        // weights (sum 1, Σ w·s² = Σ w·s⁴ = 0) cancel the ε² and ε⁴ terms (Richardson extrapolation).
        double epsilon = precision.multiplicationScale();
        for (int k = 0; k < m; k++) {
            for (int level = 0; level < RICHARDSON_SCALES.length; level++) {
                double scaleA = RICHARDSON_SCALES[level] * epsilon / leftSize[k];
                double scaleB = RICHARDSON_SCALES[level] * epsilon / rightSize[k];
                double gain = RICHARDSON_WEIGHTS[level] * PRODUCT_CONSTANT / (scaleA * scaleB);
                double[] sum = new double[plan.hidden];
                double[] a = new double[plan.hidden];
                double[] b = new double[plan.hidden];
                for (int r = 0; r < plan.hidden; r++) {
                    a[r] = scaleA * left[k][r];
                    b[r] = scaleB * right[k][r];
                    sum[r] = a[r] + b[r];
                }
                double[] plus = new double[plan.hidden];
                double[] minus = new double[plan.hidden];
                for (int p = 0; p < write.size(); p++) {
                    plus[write.row(p)] = gain * raw.outputWeights()[p][k];
                    minus[write.row(p)] = -gain * raw.outputWeights()[p][k];
                }
                plan.neuron(sum, 0, plus);
                plan.neuron(a, 0, minus);
                plan.neuron(b, 0, minus);
            }
        }
        for (int p = 0; p < write.size(); p++) {
            plan.mlpBias[write.row(p)] += raw.bias()[p];
        }
    }

    private static void planDivision(LayerPlan plan, Div div, CompiledConstruction.CompilerRows rows,
            Precision precision) {
        plan.normaliseMlpInput = true;
        Head self = plan.heads[1];
        self.read = ColumnRead.CURRENT;
        double factor = precision.divisionFactor();
        double[] divisorOutput = new double[plan.hidden];
        divisorOutput[rows.divisorPlus()] = factor;
        divisorOutput[rows.divisorMinus()] = -factor;
        self.add(div.divisor().start(), divisorOutput);
        for (int row : new int[] {rows.divisorPlus(), rows.divisorMinus()}) {
            double[] output = new double[plan.hidden];
            output[row] = -1;
            self.add(row, output);
        }
        clearInAttention(plan, div.to());
        double gain = factor * Math.sqrt(2.0 / plan.hidden);
        double bypass = precision.bypassOffset();
        for (int p = 0; p < div.to().size(); p++) {
            double[] in = new double[plan.hidden];
            in[div.numerator().row(p)] += gain;
            in[rows.zero()] -= gain;
            double[] out = new double[plan.hidden];
            out[div.to().row(p)] = 1;
            plan.neuron(in, bypass, out);
            plan.mlpBias[div.to().row(p)] -= bypass;
        }
    }

    /** Head 1 adds −h[target]: the target rows are zero when the MLP runs, so the MLP's output replaces them. */
    private static void clearInAttention(LayerPlan plan, RowRange write) {
        for (int p = 0; p < write.size(); p++) {
            double[] output = new double[plan.hidden];
            output[write.row(p)] = -1;
            plan.heads[1].add(write.row(p), output);
        }
    }

    private static void writeLayer(Map<String, Tensor> weights, String prefix, LayerPlan plan,
            TransformerConfig config, CompiledConstruction.CompilerRows rows) {
        int hidden = config.hidden();
        int size = config.headSize();
        int width = config.attentionWidth();
        double[][] query = new double[width][hidden];
        double[] queryBias = new double[width];
        double[][] key = new double[width][hidden];
        double[][] value = new double[width][hidden];
        double[][] output = new double[hidden][width];
        int scale = positionScale(config.positions());
        for (int j = 0; j < HEADS; j++) {
            Head head = plan.heads[j];
            int from = j * size;
            if (head.read != null && !head.read.prefixMean()) {
                // q·k/√s = β(2u(t − k) − u²) with t = P₀·q-feature, u = P₀·k-feature.
                double c = Math.sqrt(size) * ATTENTION_GAP * scale * (double) scale;
                key[from][rows.position()] = 1;
                key[from + 1][rows.positionSquared()] = 1;
                query[from][rows.position()] = 2 * c;
                queryBias[from] = -2 * c * head.read.offset() / scale;
                queryBias[from + 1] = -c;
            }
            List<Channel> used = head.used();
            for (int channel = 0; channel < used.size(); channel++) {
                Channel ch = used.get(channel);
                value[from + channel][ch.source] = 1;
                for (int r = 0; r < hidden; r++) {
                    output[r][from + channel] = ch.output[r];
                }
            }
        }
        weights.put(prefix + "attention.query.weight", tensor(query));
        weights.put(prefix + "attention.query.bias", tensor(queryBias));
        weights.put(prefix + "attention.key.weight", tensor(key));
        weights.put(prefix + "attention.key.bias", tensor(new double[width]));
        weights.put(prefix + "attention.value.weight", tensor(value));
        weights.put(prefix + "attention.value.bias", tensor(new double[width]));
        weights.put(prefix + "attention.output.weight", tensor(output));
        weights.put(prefix + "attention.output.bias", tensor(plan.attentionBias));
        if (plan.normaliseMlpInput) {
            double[] ones = new double[hidden];
            Arrays.fill(ones, 1);
            weights.put(prefix + "norm2.weight", tensor(ones));
            weights.put(prefix + "norm2.bias", tensor(new double[hidden]));
        }
        int mlp = config.mlpHidden();
        double[][] fc1 = new double[mlp][];
        double[] fc1Bias = new double[mlp];
        double[][] fc2 = new double[hidden][mlp];
        for (int n = 0; n < mlp; n++) {
            if (n < plan.neurons.size()) {
                Neuron neuron = plan.neurons.get(n);
                fc1[n] = neuron.in;
                fc1Bias[n] = neuron.bias;
                for (int r = 0; r < hidden; r++) {
                    fc2[r][n] = neuron.out[r];
                }
            } else {
                fc1[n] = new double[hidden];
            }
        }
        weights.put(prefix + "mlp.fc1.weight", tensor(fc1));
        weights.put(prefix + "mlp.fc1.bias", tensor(fc1Bias));
        weights.put(prefix + "mlp.fc2.weight", tensor(fc2));
        weights.put(prefix + "mlp.fc2.bias", tensor(plan.mlpBias));
    }

    private static double[][] product(double[][] a, double[][] b) {
        int inner = b.length;
        int columns = inner == 0 ? 0 : b[0].length;
        double[][] result = new double[a.length][columns];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < inner; k++) {
                for (int j = 0; j < columns; j++) {
                    result[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return result;
    }

    private static Tensor tensor(double[][] matrix) {
        int rows = matrix.length;
        int columns = matrix[0].length;
        float[] values = new float[rows * columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] = (float) matrix[i][j];
            }
        }
        return Tensor.of(values, rows, columns);
    }

    private static Tensor tensor(double[] vector) {
        float[] values = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            values[i] = (float) vector[i];
        }
        return Tensor.of(values, vector.length);
    }

    /** One value channel of a head: value = h[source]; the output projection adds value·output to the rows. */
    private record Channel(int source, double[] output) {
    }

    private static final class Head {
        ColumnRead read;
        final List<Channel> channels = new ArrayList<>();

        /** @return the channels whose output is not zero (an in-place identity cancels to nothing) */
        List<Channel> used() {
            return channels.stream().filter(channel -> Arrays.stream(channel.output).anyMatch(w -> w != 0)).toList();
        }

        /** Adds value·output for value = h[source], sharing the channel of a source row already read. */
        void add(int source, double[] output) {
            for (Channel channel : channels) {
                if (channel.source == source) {
                    for (int r = 0; r < output.length; r++) {
                        channel.output[r] += output[r];
                    }
                    return;
                }
            }
            channels.add(new Channel(source, output.clone()));
        }
    }

    private static final class Neuron {
        final double[] in;
        final double bias;
        final double[] out;

        Neuron(double[] in, double bias, double[] out) {
            this.in = in;
            this.bias = bias;
            this.out = out;
        }
    }

    /** One block being assembled. */
    private static final class LayerPlan {
        final int hidden;
        final Head[] heads = {new Head(), new Head()};
        final double[] attentionBias;
        final double[] mlpBias;
        final List<Neuron> neurons = new ArrayList<>();
        final Map<String, Neuron> byInput = new HashMap<>();
        boolean normaliseMlpInput;

        LayerPlan(int hidden) {
            this.hidden = hidden;
            attentionBias = new double[hidden];
            mlpBias = new double[hidden];
        }

        /** Adds a GeLU unit, sharing one with the same input (a repeated operand of several products). */
        void neuron(double[] in, double bias, double[] out) {
            String signature = Arrays.toString(in) + "|" + bias;
            Neuron existing = byInput.get(signature);
            if (existing == null) {
                Neuron created = new Neuron(in, bias, out.clone());
                byInput.put(signature, created);
                neurons.add(created);
                return;
            }
            for (int r = 0; r < hidden; r++) {
                existing.out[r] += out[r];
            }
        }
    }
}
