package org.icl4j.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.formats.npy.Csv;
import org.icl4j.formats.npy.NpyArray;
import org.icl4j.formats.npy.Npz;
import org.icl4j.harness.compare.ComparisonResult;

/**
 * Every estimator's prefix predictions, for use outside icl4j (docs/FORMATS.md): a CSV with one row per
 * (episode, k) and one column per estimator, and optionally an {@code .npz} with {@code predictions} float32
 * [E, B, n], {@code estimators} (unicode [E]) and the labels {@code ys} float32 [B, n].
 */
public final class PredictionFiles {

    private PredictionFiles() {
    }

    /**
     * Writes {@code predictions.csv}.
     *
     * @param file the CSV file
     * @param result the comparison
     * @throws IOException when the file cannot be written
     */
    public static void writeCsv(Path file, ComparisonResult result) throws IOException {
        EpisodeBatch episodes = result.episodes();
        List<String> header = new ArrayList<>(List.of("episode", "k", "y"));
        header.addAll(result.estimators());
        List<float[]> columns = new ArrayList<>();
        for (String name : result.estimators()) {
            columns.add(result.predictions().get(name));
        }
        int n = episodes.length();
        try (Csv csv = new Csv(file, header)) {
            Object[] row = new Object[header.size()];
            for (int b = 0; b < episodes.batch(); b++) {
                for (int k = 0; k < n; k++) {
                    row[0] = b;
                    row[1] = k;
                    row[2] = episodes.y(b, k);
                    for (int e = 0; e < columns.size(); e++) {
                        row[3 + e] = columns.get(e)[b * n + k];
                    }
                    csv.row(row);
                }
            }
        }
    }

    /**
     * Writes {@code predictions.npz}.
     *
     * @param file the {@code .npz} file
     * @param result the comparison
     * @throws IOException when the file cannot be written
     */
    public static void writeNpz(Path file, ComparisonResult result) throws IOException {
        EpisodeBatch episodes = result.episodes();
        int estimators = result.estimators().size();
        int size = episodes.batch() * episodes.length();
        float[] all = new float[estimators * size];
        for (int e = 0; e < estimators; e++) {
            System.arraycopy(result.predictions().get(result.estimators().get(e)), 0, all, e * size, size);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("predictions", NpyArray.ofFloats(new int[] {estimators, episodes.batch(), episodes.length()}, all));
        arrays.put("estimators", NpyArray.ofStrings(result.estimators().toArray(String[]::new)));
        arrays.put("ys", NpyArray.ofFloats(new int[] {episodes.batch(), episodes.length()}, episodes.ys()));
        Npz.write(file, arrays);
    }
}
