package org.icl4j.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icl4j.api.MetricResult;
import org.icl4j.formats.Provenance;
import org.icl4j.harness.compare.ComparisonResult;
import org.icl4j.harness.compare.MetricOutcome;
import org.icl4j.harness.compare.NearestAlgorithm;

/**
 * Writes {@code results.json} (docs/FORMATS.md): the exact command, settings, provenance, estimators and every
 * metric result per k with its confidence interval, and which reference algorithm each model is nearest. Non-finite numbers (e.g. R² of an estimator whose predictions
 * do not vary) are written as {@code null}, since JSON has no NaN.
 */
public final class ResultsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /**
     * Writes the file.
     *
     * @param file the JSON file
     * @param command the command line as typed
     * @param settings every setting of the run, resolved (defaults filled in)
     * @param provenance where the run came from
     * @param result the comparison
     * @param nearest which algorithm each model is nearest (written as {@code nearestAlgorithms}; may be empty)
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String command, Map<String, Object> settings, Provenance provenance,
                             ComparisonResult result, List<NearestAlgorithm> nearest) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "icl4j-compare-results/1");
        root.put("command", command);
        root.set("settings", MAPPER.valueToTree(settings));
        root.set("provenance", MAPPER.valueToTree(provenance.asMap()));
        ObjectNode episodes = root.putObject("episodes");
        episodes.put("batch", result.episodes().batch());
        episodes.put("length", result.episodes().length());
        episodes.put("dimension", result.episodes().dimension());
        ArrayNode estimators = root.putArray("estimators");
        result.estimators().forEach(estimators::add);
        root.put("reference", result.reference());
        ArrayNode metrics = root.putArray("metrics");
        for (MetricOutcome outcome : result.metrics()) {
            ObjectNode metric = metrics.addObject();
            metric.put("metric", outcome.spec());
            metric.put("description", outcome.description());
            metric.put("arity", outcome.arity().name());
            metric.put("aggregate", outcome.aggregate());
            ArrayNode results = metric.putArray("results");
            for (MetricResult value : outcome.results()) {
                ObjectNode entry = results.addObject();
                entry.put("first", value.first());
                if (value.second() == null) {
                    entry.putNull("second");
                } else {
                    entry.put("second", value.second());
                }
                numbers(entry.putArray("mean"), value.mean());
                numbers(entry.putArray("lower"), value.lower());
                numbers(entry.putArray("upper"), value.upper());
            }
        }
        ArrayNode findings = root.putArray("nearestAlgorithms");
        for (NearestAlgorithm finding : nearest) {
            ObjectNode entry = findings.addObject();
            entry.put("model", finding.model());
            entry.put("sentence", finding.sentence());
            range(entry.putObject("underdetermined"), finding.underdetermined());
            range(entry.putObject("determined"), finding.determined());
        }
        MAPPER.writeValue(file.toFile(), root);
    }

    private static void range(ObjectNode node, NearestAlgorithm.Range range) {
        node.put("range", range.label());
        node.put("fromK", range.from());
        node.put("toK", range.to());
        ArrayNode nearest = node.putArray("nearest");
        range.nearest().forEach(candidate -> nearest.add(candidate.estimator()));
        ArrayNode ranked = node.putArray("candidates");
        for (NearestAlgorithm.Candidate candidate : range.ranked()) {
            ObjectNode entry = ranked.addObject();
            entry.put("estimator", candidate.estimator());
            number(entry, "spdPerD", candidate.mean());
            number(entry, "lower", candidate.lower());
            number(entry, "upper", candidate.upper());
        }
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double value : values) {
            if (Double.isFinite(value)) {
                array.add(value);
            } else {
                array.addNull();
            }
        }
    }
}
