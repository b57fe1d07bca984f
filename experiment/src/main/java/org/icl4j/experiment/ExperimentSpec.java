package org.icl4j.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * An experiment spec read from YAML (docs/EXPERIMENTS.md describes the format): its scales' variables, its stages
 * (train, evaluate, probe) with their axes, seeds and settings templates, and its claims. Reading checks the
 * schema and expands every scale once, so any error in any scale is found when the file is read.
 */
public final class ExperimentSpec {
    /** The kinds of run a stage may have. */
    public static final List<String> KINDS = List.of("train", "evaluate", "probe");
    /** Most runs one spec may expand to at one scale. */
    public static final int MAX_RUNS = 100_000;
    /** The largest spec file read. */
    public static final long MAX_FILE_BYTES = 1L << 20;
    private static final int MAX_SEEDS = 1000;
    private static final String NAME = "[a-z0-9][a-z0-9-]*";
    private static final String NAME_RULE = "use lower-case letters, digits and '-'";
    private static final String VARIABLE = "[A-Za-z][A-Za-z0-9_]*";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(" + VARIABLE + ")}");

    private final Path file;
    private final String name;
    private final String title;
    private final String description;
    private final Map<Scale, Settings> scales;
    private final List<Stage> stages;
    private final List<Claim> claims;
    private final Map<Scale, List<Usage>> expansions = new EnumMap<>(Scale.class);

    record Stage(String id, String kind, Optional<String> uses, boolean zip, Map<String, SpecNode> axes,
                 Optional<SpecNode> seeds, SpecNode settings, SpecNode node) {
    }

    private ExperimentSpec(Path file, String name, String title, String description, Map<Scale, Settings> scales,
                           List<Stage> stages, List<Claim> claims) {
        this.file = file;
        this.name = name;
        this.title = title;
        this.description = description;
        this.scales = scales;
        this.stages = stages;
        this.claims = claims;
    }

    /**
     * Reads and checks a spec file.
     *
     * @param file a {@code .yaml} file; the spec's {@code experiment} must equal its name without extension
     * @return the spec
     * @throws IOException when the file cannot be read
     * @throws MalformedSpecException when it is not a valid spec
     */
    public static ExperimentSpec read(Path file) throws IOException, MalformedSpecException {
        if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
            throw new MalformedSpecException(file, 0, 0, "", "is " + Files.size(file) + " bytes; a spec file is at most "
                    + MAX_FILE_BYTES + " bytes (docs/LIMITS.md)");
        }
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Reads and checks a spec from text.
     *
     * @param file the file name used in messages and checked against {@code experiment}
     * @param text the YAML
     * @return the spec
     * @throws MalformedSpecException when it is not a valid spec
     */
    public static ExperimentSpec parse(Path file, String text) throws MalformedSpecException {
        SpecNode root = SpecNode.parse(file, text)
                .mapping("an experiment spec", List.of("experiment", "title", "scales", "stages"), List.of("description", "claims"));
        String name = root.get("experiment").text(NAME, NAME_RULE);
        String fileName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!fileName.equals(name)) {
            throw root.get("experiment").error("is '" + name + "' but the file is " + file.getFileName()
                    + "; name the file " + name + ".yaml or the experiment " + fileName);
        }
        String title = root.get("title").text();
        String description = root.find("description").isPresent() ? root.get("description").text() : "";

        SpecNode scalesNode = root.get("scales").mapping("the scales", Scale.keys(), List.of());
        Map<Scale, Settings> scales = new EnumMap<>(Scale.class);
        for (Scale scale : Scale.values()) {
            scales.put(scale, variables(scalesNode.get(scale.key())));
        }

        List<Stage> stages = new ArrayList<>();
        Set<String> stageIds = new HashSet<>();
        List<SpecNode> stageNodes = root.get("stages").elements();
        if (stageNodes.isEmpty()) {
            throw root.get("stages").error("is empty; a spec needs at least one stage");
        }
        for (SpecNode stageNode : stageNodes) {
            Stage stage = stage(stageNode, stageIds);
            stageIds.add(stage.id());
            stages.add(stage);
        }

        List<Claim> claims = new ArrayList<>();
        if (root.find("claims").isPresent()) {
            Set<String> claimIds = new HashSet<>();
            for (SpecNode claimNode : root.get("claims").elements()) {
                Claim claim = ClaimReader.claim(claimNode, stageIds);
                if (!claimIds.add(claim.id())) {
                    throw claimNode.get("id").error("duplicate claim id '" + claim.id() + "'; claim ids must be unique");
                }
                claims.add(claim);
            }
        }
        ExperimentSpec spec = new ExperimentSpec(file, name, title, description, scales, List.copyOf(stages), List.copyOf(claims));
        for (Scale scale : Scale.values()) {
            spec.expansions.put(scale, List.copyOf(spec.expandScale(scale)));
        }
        ClaimReader.checkVariables(root, spec);
        return spec;
    }

    private static Settings variables(SpecNode node) throws MalformedSpecException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, SpecNode> entry : node.entries().entrySet()) {
            if (!entry.getKey().matches(VARIABLE)) {
                throw entry.getValue().error("is not a variable name; " + "use a letter, then letters, digits or '_'");
            }
            if (entry.getKey().equals("seed")) {
                throw entry.getValue().error("'seed' is set per run from the stage's seeds; name the variable otherwise");
            }
            values.put(entry.getKey(), literal(entry.getValue()));
        }
        return Settings.of(values);
    }

    private static Object literal(SpecNode node) throws MalformedSpecException {
        if (node.value().isNull()) {
            throw node.error("has no value; give a string, number, boolean, list or mapping");
        }
        if (node.value().isNumber()) {
            node.number();
        }
        return Settings.normalise(node.path(), node.value());
    }

    private static Stage stage(SpecNode node, Set<String> earlier) throws MalformedSpecException {
        node.mapping("a stage", List.of("id", "kind", "settings"), List.of("uses", "combine", "axes", "seeds"));
        String id = node.get("id").text(NAME, NAME_RULE);
        if (earlier.contains(id)) {
            throw node.get("id").error("duplicate stage id '" + id + "'; stage ids must be unique");
        }
        String kind = node.get("kind").oneOf(KINDS);
        Optional<String> uses = Optional.empty();
        if (node.find("uses").isPresent()) {
            String used = node.get("uses").text();
            if (!earlier.contains(used)) {
                throw node.get("uses").error("names no earlier stage '" + used + "'; earlier stages: "
                        + (earlier.isEmpty() ? "none" : String.join(", ", earlier)));
            }
            uses = Optional.of(used);
        } else if (!kind.equals("train")) {
            throw node.error("missing key 'uses' in a stage of kind " + kind + "; an " + kind
                    + " stage names the stage whose runs it uses");
        }
        if (uses.isPresent() && node.find("seeds").isPresent()) {
            throw node.get("seeds").error("a stage that uses another inherits its seeds; remove 'seeds'");
        }
        boolean zip = node.find("combine").isPresent() && node.get("combine").oneOf(List.of("product", "zip")).equals("zip");
        Map<String, SpecNode> axes = node.find("axes").isPresent() ? node.get("axes").entries() : Map.of();
        for (Map.Entry<String, SpecNode> axis : axes.entrySet()) {
            if (!axis.getKey().matches(VARIABLE) || axis.getKey().equals("seed")) {
                throw axis.getValue().error("is not an axis name; use a letter, then letters, digits or '_' (not 'seed')");
            }
        }
        SpecNode settings = node.get("settings");
        settings.mapping("the settings", List.of(), settingsKeys(settings));
        if (settings.value().has("seed")) {
            throw settings.get("seed").error("'seed' is set per run from the stage's seeds; remove it from the settings");
        }
        return new Stage(id, kind, uses, zip, axes, node.find("seeds"), settings, node);
    }

    private static List<String> settingsKeys(SpecNode settings) {
        List<String> keys = new ArrayList<>();
        settings.value().fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** @return the file the spec was read from */
    public Path file() {
        return file;
    }

    /** @return the experiment's name, e.g. {@code fig2} */
    public String name() {
        return name;
    }

    /** @return its title */
    public String title() {
        return title;
    }

    /** @return its description, empty when none */
    public String description() {
        return description;
    }

    /** @return the ids of its stages in file order */
    public List<String> stageIds() {
        return stages.stream().map(Stage::id).toList();
    }

    /** @return the ids of its claims in file order */
    public List<String> claimIds() {
        return claims.stream().map(Claim::id).toList();
    }

    List<Claim> claims() {
        return claims;
    }

    /**
     * @param scale a scale
     * @return the scale's variables
     */
    public Settings variables(Scale scale) {
        return scales.get(scale);
    }

    /**
     * @param scale a scale
     * @return every usage of every stage at that scale, stages in file order
     */
    public List<Usage> expand(Scale scale) {
        return expansions.get(scale);
    }

    private record Instance(Optional<RunId> id, Settings point, Settings variables, long seed) {
    }

    private List<Usage> expandScale(Scale scale) throws MalformedSpecException {
        Settings scaleVariables = scales.get(scale);
        Map<String, List<Instance>> instances = new HashMap<>();
        List<Usage> usages = new ArrayList<>();
        for (Stage stage : stages) {
            String where = " (scale " + scale.key() + ")";
            List<Instance> parents = stage.uses().isPresent()
                    ? instances.get(stage.uses().get())
                    : List.of(new Instance(Optional.empty(), Settings.empty(), scaleVariables, -1));
            List<Long> seeds = stage.uses().isPresent() ? null : seeds(stage, scaleVariables, where);
            List<Instance> own = new ArrayList<>();
            for (Instance parent : parents) {
                List<Map<String, Object>> points = points(stage, parent.variables(), where);
                long total = (long) usages.size() + (long) parents.size() * points.size() * (seeds == null ? 1 : seeds.size());
                if (total > MAX_RUNS) {
                    throw stage.node().error("expands to more than " + MAX_RUNS + " runs" + where + "; make the axes smaller");
                }
                for (Map<String, Object> point : points) {
                    for (long seed : seeds == null ? List.of(parent.seed()) : seeds) {
                        Map<String, Object> pointValues = new LinkedHashMap<>(parent.point().values());
                        pointValues.putAll(point);
                        Map<String, Object> variables = new LinkedHashMap<>(parent.variables().values());
                        variables.putAll(point);
                        variables.put("seed", seed);
                        Settings visible = Settings.of(variables);
                        Object resolved = resolve(stage.settings(), visible, where);
                        Settings settings = ((Settings) resolved).with("seed", seed);
                        RunId id = RunId.of(stage.kind(), settings, parent.id());
                        Settings pointSettings = Settings.of(pointValues);
                        own.add(new Instance(Optional.of(id), pointSettings, visible, seed));
                        usages.add(new Usage(name, stage.id(), stage.kind(), id, settings, parent.id(), seed, pointSettings, visible));
                    }
                }
            }
            instances.put(stage.id(), own);
        }
        return usages;
    }

    private static List<Long> seeds(Stage stage, Settings variables, String where) throws MalformedSpecException {
        if (stage.seeds().isEmpty()) {
            return List.of(0L);
        }
        SpecNode node = stage.seeds().get();
        Object value = resolve(node, variables, where);
        List<Long> seeds = new ArrayList<>();
        if (value instanceof Long count) {
            if (count < 1 || count > MAX_SEEDS) {
                throw node.error("must be between 1 and " + MAX_SEEDS + " seeds, found " + count + where);
            }
            for (long seed = 0; seed < count; seed++) {
                seeds.add(seed);
            }
        } else if (value instanceof List<?> list && !list.isEmpty() && list.size() <= MAX_SEEDS
                && list.stream().allMatch(Long.class::isInstance)) {
            for (Object seed : list) {
                if (seeds.contains(seed)) {
                    throw node.error("lists seed " + seed + " twice" + where);
                }
                seeds.add((Long) seed);
            }
        } else {
            throw node.error("expected a count of seeds (1 to " + MAX_SEEDS + ") or a non-empty list of whole numbers, found "
                    + Settings.text(value) + where);
        }
        return seeds;
    }

    private static List<Map<String, Object>> points(Stage stage, Settings variables, String where) throws MalformedSpecException {
        Map<String, List<?>> axes = new LinkedHashMap<>();
        for (Map.Entry<String, SpecNode> axis : stage.axes().entrySet()) {
            if (variables.values().containsKey(axis.getKey())) {
                throw axis.getValue().error("axis '" + axis.getKey() + "' has the name of a variable already defined"
                        + where + "; rename the axis or the variable");
            }
            Object values = resolve(axis.getValue(), variables, where);
            if (!(values instanceof List<?> list) || list.isEmpty()) {
                throw axis.getValue().error("an axis must be a non-empty list of values, found " + Settings.text(values) + where);
            }
            axes.put(axis.getKey(), list);
        }
        List<Map<String, Object>> points = new ArrayList<>();
        if (axes.isEmpty()) {
            points.add(Map.of());
            return points;
        }
        if (stage.zip()) {
            int length = -1;
            for (Map.Entry<String, List<?>> axis : axes.entrySet()) {
                if (length >= 0 && axis.getValue().size() != length) {
                    throw stage.axes().get(axis.getKey()).error("has " + axis.getValue().size() + " values but the axis before it has "
                            + length + "; zipped axes must have equal lengths" + where);
                }
                length = axis.getValue().size();
            }
            for (int i = 0; i < length; i++) {
                Map<String, Object> point = new LinkedHashMap<>();
                for (Map.Entry<String, List<?>> axis : axes.entrySet()) {
                    point.put(axis.getKey(), axis.getValue().get(i));
                }
                points.add(point);
            }
            return points;
        }
        long size = 1;
        for (List<?> values : axes.values()) {
            size *= values.size();
            if (size > MAX_RUNS) {
                throw stage.node().error("its axes' product has more than " + MAX_RUNS + " points" + where + "; make the axes smaller");
            }
        }
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<?>> axis : axes.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> point : points) {
                for (Object value : axis.getValue()) {
                    Map<String, Object> extended = new LinkedHashMap<>(point);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        return points;
    }

    /**
     * Replaces variable references in a template: a string that is exactly {@code ${name}} becomes the variable's
     * value (of any type); {@code ${name}} inside a longer string becomes the value's text.
     */
    private static Object resolve(SpecNode template, Settings variables, String where) throws MalformedSpecException {
        if (template.value().isObject()) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<String, SpecNode> entry : template.entries().entrySet()) {
                resolved.put(entry.getKey(), resolve(entry.getValue(), variables, where));
            }
            return Settings.of(resolved);
        }
        if (template.value().isArray()) {
            List<Object> resolved = new ArrayList<>();
            for (SpecNode element : template.elements()) {
                resolved.add(resolve(element, variables, where));
            }
            return Settings.normalise(template.path(), resolved);
        }
        if (!template.value().isTextual()) {
            return literal(template);
        }
        String text = template.value().textValue();
        Matcher whole = REFERENCE.matcher(text);
        if (whole.matches()) {
            return variable(template, whole.group(1), variables, where);
        }
        Matcher references = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (references.find()) {
            Object value = variable(template, references.group(1), variables, where);
            references.appendReplacement(result, Matcher.quoteReplacement(Settings.text(value)));
        }
        references.appendTail(result);
        if (result.indexOf("${") >= 0) {
            throw template.error("'" + text + "' has a malformed variable reference; write ${name} with name a letter, then letters, digits or '_'");
        }
        return result.toString();
    }

    private static Object variable(SpecNode template, String name, Settings variables, String where) throws MalformedSpecException {
        return variables.get(name).orElseThrow(() -> template.error("unknown variable '" + name + "'" + where
                + "; defined here: " + String.join(", ", variables.values().keySet())));
    }

    @Override
    public String toString() {
        return name + " (" + file + ")";
    }
}
