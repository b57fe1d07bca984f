package org.icl4j.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.icl4j.algorithms.probe.ProbeResult;
import org.icl4j.algorithms.probe.ProbeScore;
import org.icl4j.formats.npy.Csv;
import org.icl4j.harness.probe.ProbingResult;

/**
 * {@code probe.csv}, every number of one or more probing jobs: one row per role, model, probe, target, layer and
 * k, with the normalised held-out error and the two mean squared errors it is the ratio of. {@code icl4j probe}
 * writes one job, a suite's probe run one job per probe spec; docs/PROBING.md describes the columns.
 */
public final class ProbeTable {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("role", "model", "probe", "target", "layer", "k",
            "normalised_error", "squared_error", "baseline");

    private ProbeTable() {
    }

    /**
     * @param file the CSV file to create or replace
     * @param probings the jobs, in order; each job's runs in their order (model, then control)
     * @param probes the {@code probe} column of each job, e.g. the probe's name or its spec as listed
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, List<ProbingResult> probings, List<String> probes) throws IOException {
        if (probes.size() != probings.size()) {
            throw new IllegalArgumentException(probings.size() + " probing jobs but " + probes.size() + " probe names");
        }
        try (Csv csv = new Csv(file, HEADER)) {
            for (int job = 0; job < probings.size(); job++) {
                ProbingResult probing = probings.get(job);
                for (ProbingResult.Probed run : probing.runs()) {
                    ProbeResult result = run.result();
                    for (ProbeResult.TargetScores target : result.targets()) {
                        for (int layer = 0; layer < result.layers(); layer++) {
                            ProbeScore score = target.byLayer().get(layer);
                            for (int k = 1; k <= result.prefixes(); k++) {
                                csv.row(run.role(), result.model(), probes.get(job), target.target(), layer, k,
                                        score.normalised(k), score.squaredError()[k - 1], score.baseline()[k - 1]);
                            }
                        }
                    }
                }
            }
        }
    }
}
