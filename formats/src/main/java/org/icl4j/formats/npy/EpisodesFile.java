package org.icl4j.formats.npy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.formats.Limits;

/**
 * Episodes as an {@code .npz} file (docs/FORMATS.md): {@code xs} float32 [B, n, d], {@code ys} float32 [B, n] and
 * optionally {@code ws} float32 [B, d]. float64 arrays are accepted and rounded to float32, since numpy creates
 * float64 by default. Other arrays in the file are ignored.
 */
public final class EpisodesFile {

    private EpisodesFile() {
    }

    /**
     * Reads episodes.
     *
     * @param file the {@code .npz} file
     * @return the episodes (noise unknown)
     * @throws NpyFormatException when arrays are missing or have wrong dtypes, shapes or non-finite values
     * @throws IOException when the file cannot be read
     */
    public static EpisodeBatch read(Path file) throws IOException {
        Map<String, NpyArray> arrays = Npz.read(file);
        NpyArray xs = require(arrays, "xs", file, 3, "[B, n, d]");
        NpyArray ys = require(arrays, "ys", file, 2, "[B, n]");
        int[] xShape = xs.shape();
        int[] yShape = ys.shape();
        if (xShape[0] != yShape[0] || xShape[1] != yShape[1]) {
            throw new NpyFormatException(file + ": ys must have shape [B, n] = [" + xShape[0] + ", " + xShape[1]
                    + "] to match xs " + Arrays.toString(xShape) + ", found " + Arrays.toString(yShape));
        }
        for (int i = 0; i < 3; i++) {
            if (xShape[i] < 1) {
                throw new NpyFormatException(file + ": xs must have at least one episode, pair and feature, found shape "
                        + Arrays.toString(xShape));
            }
        }
        String[] axes = {"episodes B", "pairs n", "dimension d"};
        long[] limits = {Limits.MAX_EPISODES, Limits.MAX_PAIRS, Limits.MAX_DIMENSION};
        for (int i = 0; i < 3; i++) {
            if (xShape[i] > limits[i]) {
                throw new NpyFormatException(file + ": xs has shape " + Arrays.toString(xShape) + "; its " + axes[i]
                        + " must be at most " + limits[i] + " (docs/LIMITS.md)");
            }
        }
        float[] ws = null;
        if (arrays.containsKey("ws")) {
            NpyArray w = require(arrays, "ws", file, 2, "[B, d]");
            if (w.shape()[0] != xShape[0] || w.shape()[1] != xShape[2]) {
                throw new NpyFormatException(file + ": ws must have shape [B, d] = [" + xShape[0] + ", " + xShape[2]
                        + "] to match xs " + Arrays.toString(xShape) + ", found " + Arrays.toString(w.shape()));
            }
            ws = finite(w, "ws", file);
        }
        return new EpisodeBatch(xShape[0], xShape[1], xShape[2], finite(xs, "xs", file), finite(ys, "ys", file), ws,
                Double.NaN);
    }

    /**
     * Writes episodes (and their true weights when known).
     *
     * @param file the {@code .npz} file to create or replace
     * @param episodes the episodes
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, EpisodeBatch episodes) throws IOException {
        Npz.write(file, arrays(episodes));
    }

    /**
     * @param episodes the episodes
     * @return the arrays {@code xs}, {@code ys} and, when known, {@code ws}
     */
    public static Map<String, NpyArray> arrays(EpisodeBatch episodes) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        int b = episodes.batch();
        int n = episodes.length();
        int d = episodes.dimension();
        arrays.put("xs", NpyArray.ofFloats(new int[] {b, n, d}, episodes.xs()));
        arrays.put("ys", NpyArray.ofFloats(new int[] {b, n}, episodes.ys()));
        if (episodes.hasWeights()) {
            arrays.put("ws", NpyArray.ofFloats(new int[] {b, d}, episodes.ws()));
        }
        return arrays;
    }

    private static NpyArray require(Map<String, NpyArray> arrays, String name, Path file, int rank, String shape)
            throws NpyFormatException {
        NpyArray array = arrays.get(name);
        if (array == null) {
            throw new NpyFormatException(file + " has no array '" + name + "' (found: "
                    + (arrays.isEmpty() ? "none" : String.join(", ", arrays.keySet())) + "); an episodes file needs xs "
                    + "float32 [B, n, d] and ys float32 [B, n]");
        }
        if (!array.isFloating()) {
            throw new NpyFormatException(file + ": " + name + " must be float32 (or float64), found dtype " + array.descr());
        }
        if (array.shape().length != rank) {
            throw new NpyFormatException(file + ": " + name + " must have shape " + shape + ", found "
                    + Arrays.toString(array.shape()));
        }
        return array;
    }

    private static float[] finite(NpyArray array, String name, Path file) throws NpyFormatException {
        float[] values = array.floats();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new NpyFormatException(file + ": " + name + " must be finite, found " + values[i]
                        + " at flat index " + i + (array.descr().equals("<f8") ? " (after rounding to float32)" : ""));
            }
        }
        return values;
    }
}
