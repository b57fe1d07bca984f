package org.icl4j.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and checks the {@code claims} of a spec (docs/EXPERIMENTS.md, "Claims"). */
final class ClaimReader {
    private static final List<String> REDUCERS = List.of("mean", "min", "max");

    private ClaimReader() {
    }

    static Claim claim(SpecNode node, Set<String> stages) throws MalformedSpecException {
        node.mapping("a claim", List.of("id", "statement"), List.of("scales", "compare", "nearest"));
        String id = node.get("id").text("[a-z0-9][a-z0-9-]*", "use lower-case letters, digits and '-'");
        String statement = node.get("statement").text();
        List<Scale> scales = new ArrayList<>();
        if (node.find("scales").isPresent()) {
            for (SpecNode scale : node.get("scales").elements()) {
                scales.add(Scale.of(scale.oneOf(Scale.keys())));
            }
        } else {
            scales.addAll(List.of(Scale.values()));
        }
        boolean compare = node.find("compare").isPresent();
        boolean nearest = node.find("nearest").isPresent();
        if (compare == nearest) {
            throw node.error("a claim has exactly one of 'compare' or 'nearest'" + (compare ? ", found both" : ", found neither"));
        }
        return compare ? compare(id, statement, scales, node.get("compare"), stages)
                : nearest(id, statement, scales, node.get("nearest"), stages);
    }

    private static Claim compare(String id, String statement, List<Scale> scales, SpecNode node, Set<String> stages)
            throws MalformedSpecException {
        node.mapping("a comparison", List.of("stage", "left", "op", "right"), List.of("where", "require", "per"));
        String stage = stage(node.get("stage"), stages);
        Settings where = where(node.find("where"));
        Claim.Side left = side(node.get("left"), stages, false);
        Claim.Side right = side(node.get("right"), stages, true);
        Claim.Operator operator = Claim.Operator.of(node.get("op").oneOf(Claim.Operator.symbols()));
        boolean any = node.find("require").isPresent() && node.get("require").oneOf(List.of("all", "any")).equals("any");
        List<String> per = new ArrayList<>();
        if (node.find("per").isPresent()) {
            if (!any) {
                throw node.get("per").error("'per' groups the points of 'require: any'; add require: any or remove per");
            }
            for (SpecNode variable : node.get("per").elements()) {
                per.add(variable.text());
            }
        }
        return new Claim.Compare(id, statement, List.copyOf(scales), stage, where, left, operator, right, any, List.copyOf(per));
    }

    private static Claim.Side side(SpecNode node, Set<String> stages, boolean constantAllowed) throws MalformedSpecException {
        if (node.value().isNumber()) {
            if (!constantAllowed) {
                throw node.error("the left side is a quantity {metric, k, reduce}; only the right side may be a number");
            }
            return new Claim.Side(Optional.of(node.number()), Optional.empty(), Settings.empty(), Optional.empty());
        }
        node.mapping("a side of a comparison", List.of("metric"), List.of("k", "reduce", "stage", "where"));
        Optional<String> stage = node.find("stage").isPresent() ? Optional.of(stage(node.get("stage"), stages)) : Optional.empty();
        if (!constantAllowed && stage.isPresent()) {
            throw node.get("stage").error("the left side reads the claim's stage; only the right side may name another stage");
        }
        if (stage.isEmpty() && node.find("where").isPresent()) {
            throw node.get("where").error("'where' on a side selects runs of another stage; give 'stage' too");
        }
        Claim.Quantity quantity = new Claim.Quantity(node.get("metric").text(), range(node.find("k")), reduce(node.find("reduce")));
        return new Claim.Side(Optional.empty(), stage, where(node.find("where")), Optional.of(quantity));
    }

    private static Claim nearest(String id, String statement, List<Scale> scales, SpecNode node, Set<String> stages)
            throws MalformedSpecException {
        node.mapping("a nearest-algorithm claim", List.of("stage", "among", "expect"), List.of("k", "reduce"));
        String stage = stage(node.get("stage"), stages);
        Map<String, String> among = new LinkedHashMap<>();
        for (Map.Entry<String, SpecNode> candidate : node.get("among").entries().entrySet()) {
            among.put(candidate.getKey(), candidate.getValue().text());
        }
        if (among.size() < 2) {
            throw node.get("among").error("names " + among.size() + " candidate; a nearest claim needs at least two");
        }
        List<Claim.Expectation> expect = new ArrayList<>();
        List<SpecNode> expectations = node.get("expect").elements();
        if (expectations.isEmpty()) {
            throw node.get("expect").error("is empty; give at least one {where, is}");
        }
        for (SpecNode expectation : expectations) {
            expectation.mapping("an expectation", List.of("is"), List.of("where"));
            String is = expectation.get("is").oneOf(List.copyOf(among.keySet()));
            expect.add(new Claim.Expectation(where(expectation.find("where")), is));
        }
        return new Claim.Nearest(id, statement, List.copyOf(scales), stage, Map.copyOf(among), range(node.find("k")),
                reduce(node.find("reduce")), List.copyOf(expect));
    }

    private static String stage(SpecNode node, Set<String> stages) throws MalformedSpecException {
        String stage = node.text();
        if (!stages.contains(stage)) {
            throw node.error("names no stage '" + stage + "'; stages: " + String.join(", ", stages));
        }
        return stage;
    }

    private static Settings where(Optional<SpecNode> node) throws MalformedSpecException {
        if (node.isEmpty()) {
            return Settings.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, SpecNode> entry : node.get().entries().entrySet()) {
            if (entry.getValue().value().isObject() || entry.getValue().value().isNull()) {
                throw entry.getValue().error("expected a value or a list of values to match, found "
                        + SpecNode.describe(entry.getValue().value()));
            }
            values.put(entry.getKey(), Settings.normalise(entry.getKey(), entry.getValue().value()));
        }
        return Settings.of(values);
    }

    private static IndexRange range(Optional<SpecNode> node) throws MalformedSpecException {
        if (node.isEmpty()) {
            return new IndexRange("all");
        }
        String text = node.get().value().isIntegralNumber() ? String.valueOf(node.get().integer()) : node.get().text();
        try {
            return new IndexRange(text);
        } catch (IllegalArgumentException e) {
            throw node.get().error(e.getMessage());
        }
    }

    private static Claim.Reduce reduce(Optional<SpecNode> node) throws MalformedSpecException {
        return node.isEmpty() ? Claim.Reduce.MEAN : Claim.Reduce.valueOf(node.get().oneOf(REDUCERS).toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Checks, at every scale, that the variables a claim names (in {@code where}, {@code per} and index bounds)
     * exist in the stage it reads.
     */
    static void checkVariables(SpecNode root, ExperimentSpec spec) throws MalformedSpecException {
        List<SpecNode> nodes = root.find("claims").isPresent() ? root.get("claims").elements() : List.of();
        for (int i = 0; i < nodes.size(); i++) {
            Claim claim = spec.claims().get(i);
            for (Scale scale : Scale.values()) {
                SpecNode node = nodes.get(i);
                if (claim instanceof Claim.Compare compare) {
                    SpecNode body = node.get("compare");
                    Set<String> names = names(spec, scale, compare.stage());
                    check(body, "where", compare.where().values().keySet(), names, scale);
                    check(body, "per", compare.per(), names, scale);
                    checkSide(body.get("left"), compare.left(), names, spec, scale);
                    checkSide(body.get("right"), compare.right(),
                            compare.right().stage().map(other -> names(spec, scale, other)).orElse(names), spec, scale);
                } else if (claim instanceof Claim.Nearest nearest) {
                    SpecNode body = node.get("nearest");
                    Set<String> names = names(spec, scale, nearest.stage());
                    check(body, "k", nearest.k().variables(), names, scale);
                    List<SpecNode> expectations = body.get("expect").elements();
                    for (int e = 0; e < expectations.size(); e++) {
                        check(expectations.get(e), "where", nearest.expect().get(e).where().values().keySet(), names, scale);
                    }
                }
            }
        }
    }

    private static void checkSide(SpecNode node, Claim.Side side, Set<String> names, ExperimentSpec spec, Scale scale)
            throws MalformedSpecException {
        if (side.quantity().isPresent()) {
            check(node, "k", side.quantity().get().k().variables(), names, scale);
            check(node, "where", side.where().values().keySet(), names, scale);
        }
    }

    private static void check(SpecNode node, String key, java.util.Collection<String> used, Set<String> names, Scale scale)
            throws MalformedSpecException {
        for (String name : used) {
            if (!names.contains(name)) {
                throw node.get(key).error("names variable '" + name + "', which the stage does not have at scale "
                        + scale.key() + "; its variables: " + String.join(", ", new java.util.TreeSet<>(names)));
            }
        }
    }

    private static Set<String> names(ExperimentSpec spec, Scale scale, String stage) {
        Set<String> names = new HashSet<>();
        for (Usage usage : spec.expand(scale)) {
            if (usage.stage().equals(stage)) {
                names.addAll(usage.variables().values().keySet());
            }
        }
        return names;
    }
}
