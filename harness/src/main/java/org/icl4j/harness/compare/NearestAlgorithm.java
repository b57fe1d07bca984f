package org.icl4j.harness.compare;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.icl4j.algorithms.metric.ConfidenceIntervals;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.MetricResult;

/**
 * Which reference algorithm a model behaves like: the candidate with the smallest squared prediction difference
 * SPD/d to the model, averaged over the prefix lengths k &lt; d (fewer pairs than unknowns, where the paper's
 * algorithms differ most) and, separately, over k ≥ d, each with a 95% confidence interval across episodes. A
 * candidate whose interval overlaps the nearest one's is reported beside it as indistinguishable, rather than a
 * winner being named on noise.
 *
 * @param model the model's estimator name
 * @param underdetermined the candidates over k &lt; d, nearest first
 * @param determined the candidates over k ≥ d, nearest first (no candidates when n ≤ d)
 */
public record NearestAlgorithm(String model, Range underdetermined, Range determined) {

    /** Validates non-null fields. */
    public NearestAlgorithm {
        requireNonNull(model, "model is null");
        requireNonNull(underdetermined, "underdetermined is null");
        requireNonNull(determined, "determined is null");
    }

    /**
     * One candidate's distance to the model over a range of k.
     *
     * @param estimator the candidate's name
     * @param mean SPD/d averaged over the range's k and over episodes
     * @param lower the lower end of its 95% confidence interval
     * @param upper the upper end
     */
    public record Candidate(String estimator, double mean, double lower, double upper) {

        /** Validates the name. */
        public Candidate {
            requireNonNull(estimator, "estimator is null");
        }

        /** @return half the interval's width (the ± of the sentence) */
        public double halfWidth() {
            return Math.max(mean - lower, upper - mean);
        }

        /** @return whether this interval and {@code other}'s share a point */
        public boolean overlaps(Candidate other) {
            return lower <= other.upper && other.lower <= upper;
        }
    }

    /**
     * The candidates over one range of prefix lengths.
     *
     * @param label the range as text, e.g. {@code k < d}
     * @param from the first k of the range
     * @param to one past the last k
     * @param ranked every candidate, nearest (smallest mean) first; empty when the range holds no k
     */
    public record Range(String label, int from, int to, List<Candidate> ranked) {

        /** Validates and copies. */
        public Range {
            requireNonNull(label, "label is null");
            ranked = List.copyOf(ranked);
        }

        /** @return the nearest candidate and every other whose interval overlaps it; empty when the range is */
        public List<Candidate> nearest() {
            if (ranked.isEmpty()) {
                return List.of();
            }
            Candidate best = ranked.get(0);
            return ranked.stream().filter(candidate -> candidate == best || candidate.overlaps(best)).toList();
        }
    }

    /**
     * Finds the candidates nearest a model in a comparison's predictions.
     *
     * @param result a comparison whose estimators include {@code model} and every candidate
     * @param model the model's estimator name
     * @param candidates the reference algorithms to rank (the model itself is skipped if listed)
     * @return the ranking over k &lt; d and over k ≥ d
     * @throws IllegalArgumentException when the model or a candidate is not in the comparison, or no candidate is left
     */
    public static NearestAlgorithm find(ComparisonResult result, String model, List<String> candidates) {
        requireKnown(result, model);
        List<String> others = candidates.stream().filter(name -> !name.equals(model)).toList();
        if (others.isEmpty()) {
            throw new IllegalArgumentException("no reference algorithm to compare " + model + " with; "
                    + "list at least one estimator besides the model");
        }
        others.forEach(name -> requireKnown(result, name));
        EpisodeBatch episodes = result.episodes();
        int d = episodes.dimension();
        int n = episodes.length();
        int split = Math.min(d, n);
        return new NearestAlgorithm(model, range(result, model, others, "k < d", 0, split),
                range(result, model, others, "k ≥ d", split, n));
    }

    /**
     * @return one sentence, e.g. "Over k &lt; d deep is closest to ridge:lambda=0.1 (SPD/d 0.012 ± 0.003), over
     *     k ≥ d to ols (0.0040 ± 0.0010)."
     */
    public String sentence() {
        StringBuilder text = new StringBuilder("Over ").append(underdetermined.label()).append(' ').append(model)
                .append(' ').append(phrase(underdetermined, true));
        if (determined.ranked().isEmpty()) {
            text.append("; no episode reaches k ≥ d (n ≤ d).");
        } else {
            text.append(", over ").append(determined.label()).append(' ').append(phrase(determined, false)).append('.');
        }
        return text.toString();
    }

    private static String phrase(Range range, boolean first) {
        List<Candidate> nearest = range.nearest();
        if (nearest.size() == 1) {
            return (first ? "is closest to " : "to ") + value(nearest.get(0), first);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < nearest.size(); i++) {
            parts.add(value(nearest.get(i), first && i == 0));
        }
        String list = parts.size() == 2 ? parts.get(0) + " and " + parts.get(1)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return (first ? "is " : "") + "equally close to " + list + " (their 95% intervals overlap)";
    }

    private static String value(Candidate candidate, boolean unit) {
        return String.format(Locale.ROOT, "%s (%s%.2g ± %.2g)", candidate.estimator(), unit ? "SPD/d " : "",
                candidate.mean(), candidate.halfWidth());
    }

    private static Range range(ComparisonResult result, String model, List<String> candidates, String label,
                               int from, int to) {
        if (from >= to) {
            return new Range(label, from, to, List.of());
        }
        EpisodeBatch episodes = result.episodes();
        int n = episodes.length();
        int d = episodes.dimension();
        float[] ours = result.predictions().get(model);
        List<Candidate> ranked = new ArrayList<>();
        for (String name : candidates) {
            float[] theirs = result.predictions().get(name);
            // One value per episode, the mean over the range's k, so that the interval is across independent episodes.
            double[] perEpisode = new double[episodes.batch()];
            for (int b = 0; b < episodes.batch(); b++) {
                double sum = 0;
                for (int k = from; k < to; k++) {
                    double difference = (double) ours[b * n + k] - theirs[b * n + k];
                    sum += difference * difference / d;
                }
                perEpisode[b] = sum / (to - from);
            }
            MetricResult interval = ConfidenceIntervals.aggregate("spd", model, name, perEpisode);
            ranked.add(new Candidate(name, interval.mean()[0], interval.lower()[0], interval.upper()[0]));
        }
        ranked.sort(Comparator.comparingDouble(Candidate::mean));
        return new Range(label, from, to, ranked);
    }

    private static void requireKnown(ComparisonResult result, String name) {
        if (!result.predictions().containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is not among the compared estimators: "
                    + String.join(", ", result.estimators()));
        }
    }
}
