package org.icl4j.cli.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.icl4j.cli.report.Charts;
import org.icl4j.experiment.ExperimentSpec;
import org.icl4j.experiment.PlannedRun;
import org.icl4j.experiment.RunState;
import org.icl4j.experiment.Suite;
import org.icl4j.experiment.SuiteFolder;
import org.icl4j.experiment.Usage;
import org.icl4j.formats.AtomicFiles;
import org.icl4j.formats.Provenance;

/**
 * The report a researcher opens: {@code report.html} in the suite's folder, readable offline (images and tables
 * are files beside it, no remote asset), with every figure redrawn as PNG from {@code aggregate.json} (a stage's
 * series per k or per point; the probe stages of an experiment together as error by layer), each claim
 * with icl4j's measured value and verdict from {@code claims.json}, the {@code nearest} claims (the Fig. 2 MSPD
 * table) as tables with the expected cell of each row highlighted, the exact commands, the seeds and the
 * provenance; every number also as CSV ({@code tables/}) beside the JSON files.
 */
final class SuiteReport {

    /** The report's file name in the suite's folder. */
    static final String REPORT = "report.html";
    /** Every invocation of reproduce or sweep on the folder: command, time, plugins, provenance. */
    static final String INVOCATIONS = "invocations.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE_KIND = "probe";
    /** The names of {@link Charts.StyledLine}'s styles 0 … 3, for captions. */
    private static final String[] STYLE_NAMES = {"solid", "dashed", "dotted", "dash-dotted"};

    private final Suite suite;
    private final SuiteFolder folder;
    private final RunSteps steps;

    SuiteReport(Suite suite, SuiteFolder folder, RunSteps steps) {
        this.suite = suite;
        this.folder = folder;
        this.steps = steps;
    }

    /** Appends this invocation to {@value #INVOCATIONS}. */
    void recordInvocation(String command, Path plugins) throws IOException {
        Path file = folder.root().resolve(INVOCATIONS);
        ArrayNode all = Files.exists(file) ? (ArrayNode) JSON.readTree(file.toFile()) : JSON.createArrayNode();
        ObjectNode entry = all.addObject();
        entry.put("command", command);
        entry.put("workingDirectory", Path.of("").toAbsolutePath().toString());
        entry.put("started", Instant.now().toString());
        entry.put("scale", suite.scale().key());
        ArrayNode experiments = entry.putArray("experiments");
        suite.specs().forEach(spec -> experiments.add(spec.name() + " (" + spec.file() + ")"));
        entry.put("plugins", plugins == null ? "none" : plugins.toAbsolutePath().toString());
        entry.set("provenance", JSON.valueToTree(Provenance.current(0).asMap()));
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all) + "\n");
    }

    /** @return the failed runs whose kind no step of this build runs: "not run", with {@link #notRunReason()} */
    List<PlannedRun> notRun() throws IOException {
        List<PlannedRun> runs = new ArrayList<>();
        for (PlannedRun run : suite.plan().runs()) {
            if (!steps.kinds().contains(run.kind()) && folder.state(run.id()) != RunState.DONE) {
                runs.add(run);
            }
        }
        return runs;
    }

    /** @return why runs are not run */
    String notRunReason() {
        return "no run step for kind " + String.join(", ", steps.missingKinds()) + " in this build";
    }

    /** @return one line per failed run of a kind this build runs: index, id and the error's first line */
    List<String> failures() throws IOException {
        List<String> lines = new ArrayList<>();
        for (PlannedRun run : suite.plan().runs()) {
            if (steps.kinds().contains(run.kind()) && folder.state(run.id()) == RunState.FAILED) {
                lines.add("run " + run.index() + " " + run.id() + ": " + firstLine(folder.error(run.id())));
            }
        }
        return lines;
    }

    /** @return the verdicts' counts, e.g. {@code 2 holds, 9 does not hold, 3 not run at this scale} */
    String verdictLine() throws IOException {
        JsonNode claims = JSON.readTree(folder.root().resolve("claims.json").toFile());
        List<String> parts = new ArrayList<>();
        claims.path("verdicts").fields().forEachRemaining(field -> parts.add(field.getValue().asInt() + " " + field.getKey()));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** Writes the figures, tables and report.html from aggregate.json and claims.json. */
    void write() throws IOException {
        Path root = folder.root();
        JsonNode aggregate = JSON.readTree(root.resolve("aggregate.json").toFile());
        JsonNode claims = JSON.readTree(root.resolve("claims.json").toFile());
        Files.createDirectories(root.resolve("figures"));
        Files.createDirectories(root.resolve("tables"));
        Html html = new Html();
        html.open("Reproduction at scale " + suite.scale().key());
        html.paragraph("Experiments: " + String.join(", ", suite.specs().stream().map(ExperimentSpec::name).toList())
                + ". " + Html.escape(runSummary()) + " Machine-readable: <a href=\"claims.json\">claims.json</a>, "
                + "<a href=\"aggregate.json\">aggregate.json</a> (every point's series averaged over seeds with 95% "
                + "intervals), <a href=\"suite.json\">suite.json</a> (the plan), tables/*.csv.", false);
        claimsSection(html, claims);
        for (ExperimentSpec spec : suite.specs()) {
            experimentSection(html, spec, aggregate.path("experiments").path(spec.name()), claims);
        }
        runsSection(html);
        invocationsSection(html);
        html.close();
        AtomicFiles.writeString(root.resolve(REPORT), html.text());
    }

    private String runSummary() throws IOException {
        Map<RunState, Integer> counts = folder.count(suite.plan());
        int notRun = notRun().size();
        return "Runs: " + counts.getOrDefault(RunState.DONE, 0) + " of " + suite.plan().runs().size() + " done"
                + (notRun > 0 ? ", " + notRun + " not run (" + notRunReason() + ")" : "")
                + (failures().isEmpty() ? "" : ", " + failures().size() + " failed") + ".";
    }

    private void claimsSection(Html html, JsonNode claims) {
        html.heading("Claims");
        html.raw("<table><tr><th>experiment</th><th>claim</th><th>statement</th><th>icl4j's value</th><th>verdict</th></tr>\n");
        for (JsonNode claim : claims.path("claims")) {
            String verdict = claim.path("verdict").asText();
            String css = verdict.equals("holds") ? "holds" : verdict.equals("does not hold") ? "fails" : "notrun";
            html.raw("<tr><td>" + Html.escape(claim.path("experiment").asText()) + "</td><td>"
                    + Html.escape(claim.path("id").asText()) + "</td><td>" + Html.escape(claim.path("statement").asText())
                    + "</td><td>" + Html.escape(measured(claim)) + "</td><td class=\"" + css + "\">" + Html.escape(verdict)
                    + "</td></tr>\n");
        }
        html.raw("</table>\n");
    }

    /** The claim's measured values in words: per point, left op right with intervals, or the nearest candidate. */
    static String measured(JsonNode claim) {
        if (claim.has("reason")) {
            return claim.path("reason").asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode point : claim.path("points")) {
            String where = point.path("point").size() == 0 ? "" : "at " + pointLabel(point.path("point")) + ": ";
            if (point.has("nearest")) {
                parts.add(where + "nearest " + point.path("nearest").asText() + " (" + point.path("values").path(point.path("nearest").asText())
                        .path("mean").asDouble() + "), expected " + point.path("expected").asText());
            } else {
                parts.add(where + interval(point.path("left")) + " vs " + interval(point.path("right"))
                        + (point.path("holds").asBoolean() ? " (holds)" : " (does not hold)"));
            }
        }
        return (claim.has("test") ? claim.path("test").asText() + ": " : "") + String.join("; ", parts);
    }

    private static String interval(JsonNode value) {
        String mean = number(value.path("mean"));
        if (value.path("seeds").asInt() > 1 && value.path("low").isNumber()) {
            return mean + " [" + number(value.path("low")) + ", " + number(value.path("high")) + "]";
        }
        return mean;
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.4g", value.asDouble()) : "n/a";
    }

    static String pointLabel(JsonNode point) {
        List<String> parts = new ArrayList<>();
        point.fields().forEachRemaining(field -> parts.add(field.getKey() + "=" + field.getValue().asText()));
        return parts.isEmpty() ? "all" : String.join(", ", parts);
    }

    private void experimentSection(Html html, ExperimentSpec spec, JsonNode stages, JsonNode claims) throws IOException {
        html.heading(spec.name() + ": " + spec.title());
        Map<String, String> kinds = new HashMap<>();
        for (Usage usage : spec.expand(suite.scale())) {
            kinds.putIfAbsent(usage.stage(), usage.kind());
        }
        Set<Long> seeds = new java.util.TreeSet<>();
        Map<String, JsonNode> probeStages = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = stages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> stage = it.next();
            stage.getValue().forEach(point -> point.path("seeds").forEach(seed -> seeds.add(seed.asLong())));
            writeCsv(spec.name(), stage.getKey(), stage.getValue());
            html.paragraph("Stage " + stage.getKey() + ": " + stage.getValue().size() + " points; numbers in "
                    + "<a href=\"tables/" + file(spec.name() + "-" + stage.getKey()) + ".csv\">tables/"
                    + Html.escape(file(spec.name() + "-" + stage.getKey())) + ".csv</a>.", false);
            if (PROBE_KIND.equals(kinds.get(stage.getKey()))) {
                // Per layer, not per k: drawn together below, one figure for every probe stage of the experiment.
                probeStages.put(stage.getKey(), stage.getValue());
                continue;
            }
            for (Figure figure : figures(spec.name(), stage.getKey(), stage.getValue())) {
                figure(html, figure);
            }
        }
        if (!probeStages.isEmpty()) {
            probeFigure(spec.name(), probeStages).ifPresent(figure -> figure(html, figure));
        }
        html.paragraph("Seeds: " + (seeds.isEmpty() ? "none done" : seeds.toString()) + ".", true);
        for (JsonNode claim : claims.path("claims")) {
            if (claim.path("experiment").asText().equals(spec.name()) && claim.path("points").size() > 0
                    && claim.path("points").get(0).has("nearest")) {
                nearestTable(html, claim);
            }
        }
    }

    /** A nearest claim as a table: one row per point, one column per candidate; the expected cell highlighted. */
    private static void nearestTable(Html html, JsonNode claim) {
        html.paragraph("Claim " + claim.path("id").asText() + ": " + claim.path("statement").asText()
                + " (highlighted: the expected nearest of each row, the diagonal; bold: the measured nearest)", true);
        Set<String> candidates = new LinkedHashSet<>();
        claim.path("points").forEach(point -> point.path("values").fieldNames().forEachRemaining(candidates::add));
        StringBuilder table = new StringBuilder("<table><tr><th>point</th>");
        candidates.forEach(name -> table.append("<th>").append(Html.escape(name)).append("</th>"));
        table.append("</tr>\n");
        for (JsonNode point : claim.path("points")) {
            table.append("<tr><td>").append(Html.escape(pointLabel(point.path("point")))).append("</td>");
            for (String name : candidates) {
                boolean expected = name.equals(point.path("expected").asText());
                boolean nearest = name.equals(point.path("nearest").asText());
                String value = Html.escape(interval(point.path("values").path(name)));
                table.append("<td").append(expected ? " class=\"expected\"" : "").append(">")
                        .append(nearest ? "<b>" + value + "</b>" : value).append("</td>");
            }
            table.append("</tr>\n");
        }
        html.raw(table.append("</table>\n").toString());
    }

    private record Figure(String file, String title) {
    }

    private static void figure(Html html, Figure figure) {
        html.raw("<figure><img src=\"figures/" + figure.file() + "\" alt=\"" + Html.escape(figure.title())
                + "\" width=\"960\"><figcaption>" + Html.escape(figure.title()) + "</figcaption></figure>\n");
    }

    /**
     * One PNG for every probe stage of an experiment (Fig. 4): each {@code error/<probe>/<target>} series against
     * the layer, one colour per probe and target, one line style per stage (the model's probes solid, the
     * control's dashed), so that a probe × target reads in one colour across the stages.
     */
    private Optional<Figure> probeFigure(String experiment, Map<String, JsonNode> stages) throws IOException {
        List<String> colours = new ArrayList<>();
        List<Charts.StyledLine> lines = new ArrayList<>();
        List<String> styles = new ArrayList<>();
        int style = 0;
        for (Map.Entry<String, JsonNode> stage : stages.entrySet()) {
            boolean drawn = false;
            for (JsonNode point : stage.getValue()) {
                String label = pointLabel(point.path("point"));
                for (Iterator<Map.Entry<String, JsonNode>> it = point.path("series").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> series = it.next();
                    if (!series.getKey().startsWith(ProbeStep.SERIES_PREFIX)) {
                        continue;
                    }
                    String probeAndTarget = series.getKey().substring(ProbeStep.SERIES_PREFIX.length());
                    int slash = probeAndTarget.lastIndexOf('/');
                    String key = slash < 0 ? probeAndTarget
                            : probeAndTarget.substring(0, slash) + " · " + probeAndTarget.substring(slash + 1);
                    if (!colours.contains(key)) {
                        colours.add(key);
                    }
                    double[] mean = values(series.getValue().path("mean"));
                    double[] layers = new double[mean.length];
                    for (int layer = 0; layer < layers.length; layer++) {
                        layers[layer] = layer;
                    }
                    String name = stage.getKey() + (stage.getValue().size() > 1 ? " · " + label : "") + " · " + key;
                    lines.add(new Charts.StyledLine(new Charts.Line(name, layers, mean), colours.indexOf(key), style));
                    drawn = true;
                }
            }
            if (drawn) {
                styles.add(stage.getKey() + " " + STYLE_NAMES[style % STYLE_NAMES.length]);
                style++;
            }
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String file = file(experiment + "-probe-error-by-layer") + ".png";
        String title = experiment + ": probe error by layer (normalised held-out error at the largest k probed, 1 = "
                + "predicting the training mean; layer 0 is the embedding); one colour per probe and target, "
                + String.join(", ", styles);
        Charts.writeStyledLines(folder.root().resolve("figures").resolve(file), experiment + ": probe error by layer",
                "layer (0 = embedding)", "normalised held-out error", false, lines);
        return Optional.of(new Figure(file, title));
    }

    /**
     * One PNG per metric of a stage: series by k as lines (one per point and estimator); series of one number as
     * lines over the stage's points (x = point number, listed in the caption).
     */
    private List<Figure> figures(String experiment, String stage, JsonNode points) throws IOException {
        Map<String, List<Charts.Line>> byMetric = new TreeMap<>();
        Map<String, List<Charts.Line>> single = new TreeMap<>();
        Map<String, List<double[]>> singleValues = new TreeMap<>();
        int index = 0;
        for (JsonNode point : points) {
            index++;
            String label = pointLabel(point.path("point"));
            for (Iterator<Map.Entry<String, JsonNode>> it = point.path("series").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> series = it.next();
                String name = series.getKey();
                int slash = name.indexOf('/');
                String metric = slash < 0 ? name : name.substring(0, slash);
                String estimator = slash < 0 ? name : name.substring(slash + 1);
                double[] mean = values(series.getValue().path("mean"));
                if (mean.length > 1) {
                    double[] ks = new double[mean.length];
                    for (int k = 0; k < ks.length; k++) {
                        ks[k] = k;
                    }
                    String line = points.size() > 1 ? label + " · " + estimator : estimator;
                    byMetric.computeIfAbsent(metric, key -> new ArrayList<>()).add(new Charts.Line(line, ks, mean));
                } else if (mean.length == 1) {
                    singleValues.computeIfAbsent(metric + "\u0000" + estimator, key -> new ArrayList<>())
                            .add(new double[] {index, mean[0]});
                }
            }
        }
        singleValues.forEach((key, xy) -> {
            String[] parts = key.split("\u0000");
            single.computeIfAbsent(parts[0], metric -> new ArrayList<>()).add(new Charts.Line(parts[1],
                    xy.stream().mapToDouble(p -> p[0]).toArray(), xy.stream().mapToDouble(p -> p[1]).toArray()));
        });
        List<Figure> figures = new ArrayList<>();
        for (Map.Entry<String, List<Charts.Line>> metric : byMetric.entrySet()) {
            boolean logarithmic = positive(metric.getValue());
            String file = file(experiment + "-" + stage + "-" + metric.getKey()) + ".png";
            String title = experiment + " " + stage + ": " + metric.getKey() + " of the model against each estimator, by k";
            Charts.writeLines(folder.root().resolve("figures").resolve(file), title, "k (context pairs)",
                    metric.getKey() + (logarithmic ? " (log scale)" : ""), logarithmic, metric.getValue());
            figures.add(new Figure(file, title));
        }
        List<String> labels = new ArrayList<>();
        int n = 0;
        for (JsonNode point : points) {
            labels.add(++n + ": " + pointLabel(point.path("point")));
        }
        for (Map.Entry<String, List<Charts.Line>> metric : single.entrySet()) {
            boolean logarithmic = positive(metric.getValue());
            String file = file(experiment + "-" + stage + "-" + metric.getKey()) + ".png";
            String title = experiment + " " + stage + ": " + metric.getKey() + " per point (" + String.join("; ", labels) + ")";
            Charts.writeLines(folder.root().resolve("figures").resolve(file), experiment + " " + stage + ": "
                    + metric.getKey() + " per point", "point", metric.getKey() + (logarithmic ? " (log scale)" : ""),
                    logarithmic, metric.getValue());
            figures.add(new Figure(file, title));
        }
        return figures;
    }

    private static boolean positive(List<Charts.Line> lines) {
        boolean any = false;
        for (Charts.Line line : lines) {
            for (double y : line.ys()) {
                if (Double.isFinite(y)) {
                    if (y <= 0) {
                        return false;
                    }
                    any = true;
                }
            }
        }
        return any;
    }

    private static double[] values(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).isNumber() ? array.get(i).asDouble() : Double.NaN;
        }
        return values;
    }

    /** tables/EXPERIMENT-STAGE.csv: point, series, index (k or 0), mean, low, high, seeds done. */
    private void writeCsv(String experiment, String stage, JsonNode points) throws IOException {
        StringBuilder csv = new StringBuilder("point,series,index,mean,low,high,done\n");
        for (JsonNode point : points) {
            String label = "\"" + pointLabel(point.path("point")).replace("\"", "\"\"") + "\"";
            for (Iterator<Map.Entry<String, JsonNode>> it = point.path("series").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> series = it.next();
                JsonNode mean = series.getValue().path("mean");
                for (int i = 0; i < mean.size(); i++) {
                    csv.append(label).append(",\"").append(series.getKey()).append("\",").append(i).append(',')
                            .append(cell(mean.get(i))).append(',').append(cell(series.getValue().path("low").get(i))).append(',')
                            .append(cell(series.getValue().path("high").get(i))).append(',').append(point.path("done").asInt())
                            .append('\n');
                }
            }
        }
        AtomicFiles.writeString(folder.root().resolve("tables").resolve(file(experiment + "-" + stage) + ".csv"), csv);
    }

    private static String cell(JsonNode value) {
        return value != null && value.isNumber() ? Double.toString(value.asDouble()) : "";
    }

    private void runsSection(Html html) throws IOException {
        html.heading("Runs");
        StringBuilder table = new StringBuilder("<table><tr><th>index</th><th>run</th><th>kind</th><th>experiments</th>"
                + "<th>seed</th><th>state</th><th>wall time</th></tr>\n");
        StringBuilder csv = new StringBuilder("index,id,kind,experiments,seed,state,wallSeconds,detail\n");
        for (PlannedRun run : suite.plan().runs()) {
            RunState state = folder.state(run.id());
            String detail = "";
            if (state == RunState.FAILED) {
                detail = firstLine(folder.error(run.id()));
            }
            String shown = !steps.kinds().contains(run.kind()) && state != RunState.DONE ? "not run" : state.name().toLowerCase(Locale.ROOT);
            Path timing = folder.runFolder(run.id()).resolve("timing.json");
            String wall = Files.exists(timing) ? String.format(Locale.ROOT, "%.1f", JSON.readTree(timing.toFile()).path("wallSeconds").asDouble()) : "";
            String seed = run.settings().get("seed").map(String::valueOf).orElse("");
            table.append("<tr><td>").append(run.index()).append("</td><td><a href=\"runs/").append(run.id().value()).append("/\">")
                    .append(run.id().value()).append("</a></td><td>").append(run.kind()).append("</td><td>")
                    .append(Html.escape(String.join(", ", run.experiments()))).append("</td><td>").append(seed).append("</td><td>")
                    .append(Html.escape(shown + (detail.isEmpty() ? "" : ": " + detail))).append("</td><td>")
                    .append(wall.isEmpty() ? "" : wall + " s").append("</td></tr>\n");
            csv.append(run.index()).append(',').append(run.id().value()).append(',').append(run.kind()).append(",\"")
                    .append(String.join(" ", run.experiments())).append("\",").append(seed).append(',').append(shown).append(',')
                    .append(wall).append(",\"").append(detail.replace("\"", "\"\"")).append("\"\n");
        }
        html.raw(table.append("</table>\n").toString());
        AtomicFiles.writeString(folder.root().resolve("tables").resolve("runs.csv"), csv);
    }

    private void invocationsSection(Html html) throws IOException {
        html.heading("Commands and provenance");
        Path file = folder.root().resolve(INVOCATIONS);
        if (!Files.exists(file)) {
            return;
        }
        for (JsonNode invocation : JSON.readTree(file.toFile())) {
            html.raw("<pre>" + Html.escape(invocation.path("command").asText()) + "</pre>\n");
            Map<String, String> shown = new LinkedHashMap<>();
            shown.put("started", invocation.path("started").asText());
            shown.put("working directory", invocation.path("workingDirectory").asText());
            shown.put("plugins", invocation.path("plugins").asText());
            invocation.path("provenance").fields().forEachRemaining(field -> shown.put(field.getKey(), field.getValue().asText()));
            StringBuilder table = new StringBuilder("<table>");
            shown.forEach((key, value) -> table.append("<tr><th>").append(Html.escape(key)).append("</th><td>")
                    .append(Html.escape(value)).append("</td></tr>"));
            html.raw(table.append("</table>\n").toString());
        }
        html.paragraph("Each training's seed sets its initial weights and every update's episodes; an evaluation and a "
                + "probe run draw their episodes with seed " + EvaluateStep.EPISODE_SEED_OFFSET + " + the training's seed, "
                + "and a probe's initial weights use the training's seed.", true);
    }

    static String file(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String firstLine(String text) {
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no message)");
        int colon = line.indexOf(": ");
        // A stack trace's first line is "<exception class>: <message>"; the message is what a reader needs.
        return colon > 0 && line.substring(0, colon).matches("[\\w.$]+") ? line.substring(colon + 2) : line;
    }

    /** A small HTML page: inline style only, nothing fetched from elsewhere. */
    private static final class Html {
        private final StringBuilder text = new StringBuilder();

        void open(String title) {
            text.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                    .append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
                            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 6px;"
                            + "text-align:left;vertical-align:top}td.holds{background:#d9f2d9}td.fails{background:#f8d7d7}"
                            + "td.notrun{background:#eee}td.expected{background:#fff2a8;outline:2px solid #c9a400}"
                            + "pre{background:#f4f4f4;padding:6px;white-space:pre-wrap}img{max-width:100%;height:auto}</style>\n"
                            + "</head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        }

        void heading(String title) {
            text.append("<h2>").append(escape(title)).append("</h2>\n");
        }

        void paragraph(String content, boolean plain) {
            text.append("<p>").append(plain ? escape(content) : content).append("</p>\n");
        }

        void raw(String html) {
            text.append(html);
        }

        void close() {
            // Marks how many images decoded once the page has loaded, for readers' tools and the report's test.
            text.append("<script>window.addEventListener('load',function(){var a=document.images,n=0;"
                    + "for(var i=0;i<a.length;i++){if(a[i].complete&&a[i].naturalWidth>0){n++;}}"
                    + "document.body.setAttribute('data-images-loaded',n+'/'+a.length);});</script>\n");
            text.append("</body></html>\n");
        }

        String text() {
            return text.toString();
        }

        static String escape(String value) {
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
