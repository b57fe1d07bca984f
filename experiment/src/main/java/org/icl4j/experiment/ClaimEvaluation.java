package org.icl4j.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every claim of the suite's specs against the done runs: {@code holds}, {@code does not hold}, or
 * {@code not run at this scale} (the claim is meant for other scales, no run matches, or some are not done).
 * Values are means over seeds with 95% intervals; a verdict compares the means.
 */
final class ClaimEvaluation {
    static final String HOLDS = "holds";
    static final String DOES_NOT_HOLD = "does not hold";
    static final String NOT_RUN = "not run at this scale";

    private final Results results;
    private final Scale scale;

    ClaimEvaluation(Results results, Scale scale) {
        this.results = results;
        this.scale = scale;
    }

    ArrayNode evaluate(List<ExperimentSpec> specs) throws IOException {
        ArrayNode claims = JsonNodeFactory.instance.arrayNode();
        for (ExperimentSpec spec : specs) {
            for (Claim claim : spec.claims()) {
                ObjectNode json = claims.addObject();
                json.put("experiment", spec.name());
                json.put("id", claim.id());
                json.put("statement", claim.statement());
                json.put("scale", scale.key());
                if (!claim.scales().contains(scale)) {
                    notRun(json, "checked at scales " + String.join(", ", claim.scales().stream().map(Scale::key).toList()));
                    continue;
                }
                List<Usage> usages = spec.expand(scale);
                if (claim instanceof Claim.Compare compare) {
                    compare(json, compare, usages);
                } else {
                    nearest(json, (Claim.Nearest) claim, usages);
                }
            }
        }
        return claims;
    }

    private static void notRun(ObjectNode json, String reason) {
        json.put("verdict", NOT_RUN);
        json.put("reason", reason);
    }

    private static boolean matches(Settings variables, Settings where) {
        for (Map.Entry<String, Object> condition : where.values().entrySet()) {
            Object value = variables.values().get(condition.getKey());
            boolean match = condition.getValue() instanceof List<?> options ? options.contains(value) : condition.getValue().equals(value);
            if (!match) {
                return false;
            }
        }
        return true;
    }

    private static List<Usage> select(List<Usage> usages, String stage, Settings where) {
        return usages.stream().filter(usage -> usage.stage().equals(stage) && matches(usage.variables(), where)).toList();
    }

    /** @return why the usages cannot be evaluated, or empty when all are done */
    private Optional<String> missing(List<Usage> usages, String stage) throws IOException {
        if (usages.isEmpty()) {
            return Optional.of("no run of stage '" + stage + "' matches at this scale");
        }
        int notDone = 0;
        String failure = null;
        for (Usage usage : usages) {
            if (results.result(usage.id()).isEmpty()) {
                notDone++;
                if (failure == null) {
                    failure = results.failure(usage.id()).map(error -> "; run " + usage.id() + " failed: " + error).orElse(null);
                }
            }
        }
        return notDone == 0 ? Optional.empty() : Optional.of(notDone + " of " + usages.size() + " runs of stage '" + stage
                + "' are not done" + (failure == null ? "" : failure));
    }

    private MeanInterval quantity(List<Usage> usages, Claim.Quantity quantity) throws IOException {
        double[] values = new double[usages.size()];
        for (int i = 0; i < values.length; i++) {
            double[] series = results.series(usages.get(i), quantity.metric());
            int[] range = quantity.k().select(series.length, usages.get(i).variables());
            if (range[0] >= range[1]) {
                throw new IllegalStateException("k " + quantity.k().text() + " selects nothing of series '" + quantity.metric()
                        + "' (length " + series.length + ") of run " + usages.get(i).id());
            }
            values[i] = quantity.reduce().apply(series, range[0], range[1]);
        }
        return MeanInterval.of(values);
    }

    private static ObjectNode interval(ObjectNode parent, String name, MeanInterval value) {
        ObjectNode json = parent.putObject(name);
        Results.put(json, "mean", value.mean());
        Results.put(json, "low", value.low());
        Results.put(json, "high", value.high());
        json.put("seeds", value.n());
        return json;
    }

    private void compare(ObjectNode json, Claim.Compare claim, List<Usage> all) throws IOException {
        List<Usage> usages = select(all, claim.stage(), claim.where());
        Optional<String> missing = missing(usages, claim.stage());
        Optional<MeanInterval> pooledRight = Optional.empty();
        if (missing.isEmpty() && claim.right().stage().isPresent()) {
            List<Usage> right = select(all, claim.right().stage().get(), claim.right().where());
            missing = missing(right, claim.right().stage().get());
            if (missing.isEmpty()) {
                pooledRight = Optional.of(quantity(right, claim.right().quantity().orElseThrow()));
            }
        }
        if (missing.isPresent()) {
            notRun(json, missing.get());
            return;
        }
        json.put("test", claim.left().quantity().orElseThrow().metric() + " " + claim.operator().symbol() + " "
                + claim.right().constant().map(String::valueOf).orElseGet(() -> claim.right().quantity().orElseThrow().metric()));
        ArrayNode points = json.putArray("points");
        Map<List<Object>, Boolean> groups = new LinkedHashMap<>();
        boolean every = true;
        for (Results.Point point : Results.points(usages)) {
            MeanInterval left = quantity(point.usages(), claim.left().quantity().orElseThrow());
            MeanInterval right = claim.right().constant().map(value -> new MeanInterval(value, value, value, 0))
                    .orElse(pooledRight.orElse(null));
            if (right == null) {
                right = quantity(point.usages(), claim.right().quantity().orElseThrow());
            }
            boolean holds = claim.operator().test(left.mean(), right.mean());
            ObjectNode entry = points.addObject();
            entry.set("point", point.values().toJson());
            interval(entry, "left", left);
            interval(entry, "right", right);
            entry.put("holds", holds);
            every &= holds;
            List<Object> group = new ArrayList<>();
            for (String variable : claim.per()) {
                group.add(point.usages().get(0).variables().values().get(variable));
            }
            groups.merge(group, holds, Boolean::logicalOr);
        }
        boolean verdict = claim.any() ? !groups.containsValue(false) : every;
        json.put("verdict", verdict ? HOLDS : DOES_NOT_HOLD);
    }

    private void nearest(ObjectNode json, Claim.Nearest claim, List<Usage> all) throws IOException {
        List<Results.Point> expected = new ArrayList<>();
        List<String> is = new ArrayList<>();
        List<Usage> usages = new ArrayList<>();
        for (Results.Point point : Results.points(select(all, claim.stage(), Settings.empty()))) {
            for (Claim.Expectation expectation : claim.expect()) {
                if (matches(point.usages().get(0).variables(), expectation.where())) {
                    expected.add(point);
                    is.add(expectation.is());
                    usages.addAll(point.usages());
                    break;
                }
            }
        }
        Optional<String> missing = missing(usages, claim.stage());
        if (missing.isPresent()) {
            notRun(json, missing.get());
            return;
        }
        ArrayNode points = json.putArray("points");
        boolean holds = true;
        for (int p = 0; p < expected.size(); p++) {
            ObjectNode entry = points.addObject();
            entry.set("point", expected.get(p).values().toJson());
            ObjectNode values = entry.putObject("values");
            String nearest = null;
            double smallest = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, String> candidate : new java.util.TreeMap<>(claim.among()).entrySet()) {
                MeanInterval value = quantity(expected.get(p).usages(), new Claim.Quantity(candidate.getValue(), claim.k(), claim.reduce()));
                interval(values, candidate.getKey(), value);
                if (value.mean() < smallest) {
                    smallest = value.mean();
                    nearest = candidate.getKey();
                }
            }
            entry.put("nearest", nearest);
            entry.put("expected", is.get(p));
            boolean match = is.get(p).equals(nearest);
            entry.put("holds", match);
            holds &= match;
        }
        json.put("verdict", holds ? HOLDS : DOES_NOT_HOLD);
    }
}
