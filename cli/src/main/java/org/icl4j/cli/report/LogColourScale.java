package org.icl4j.cli.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A colour scale linear in log₁₀ of the value between two powers of ten: light yellow at the low end through green
 * and blue to dark purple at the high end (the viridis stops, reversed so that small distances are light). Values at
 * or below 0 have no logarithm and get {@link LogHeatMap#ZERO}; non-finite values get {@link LogHeatMap#MISSING}.
 *
 * @param lowExponent the bottom of the scale is 10^lowExponent
 * @param highExponent the top is 10^highExponent, above the bottom
 */
record LogColourScale(int lowExponent, int highExponent) {

    private static final Color[] STOPS = {
        new Color(0xfde725), new Color(0x5ec962), new Color(0x21918c), new Color(0x3b528b), new Color(0x440154)};

    /** Checks the order. */
    LogColourScale {
        if (highExponent <= lowExponent) {
            throw new IllegalArgumentException("highExponent must be > lowExponent, found " + lowExponent + " and "
                    + highExponent);
        }
    }

    /**
     * @param values a matrix
     * @return the decades from the smallest positive finite value's (rounded down) to the largest's (rounded up);
     *     one decade around 1 when there is no positive value
     */
    static LogColourScale covering(double[][] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] row : values) {
            for (double value : row) {
                if (Double.isFinite(value) && value > 0) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        if (max == 0) {
            return new LogColourScale(0, 1);
        }
        int low = (int) Math.floor(Math.log10(min));
        int high = (int) Math.ceil(Math.log10(max));
        return new LogColourScale(low, Math.max(high, low + 1));
    }

    /**
     * @param value any value
     * @return its colour: interpolated between the stops by log₁₀(value), clamped at the scale's ends
     */
    Color colour(double value) {
        if (!Double.isFinite(value)) {
            return LogHeatMap.MISSING;
        }
        if (value <= 0) {
            return LogHeatMap.ZERO;
        }
        double t = (Math.log10(value) - lowExponent) / (highExponent - lowExponent);
        t = Math.max(0, Math.min(1, t));
        double position = t * (STOPS.length - 1);
        int index = Math.min((int) Math.floor(position), STOPS.length - 2);
        double fraction = position - index;
        Color from = STOPS[index];
        Color to = STOPS[index + 1];
        return new Color(mix(from.getRed(), to.getRed(), fraction), mix(from.getGreen(), to.getGreen(), fraction),
                mix(from.getBlue(), to.getBlue(), fraction));
    }

    /** @return the label of each decade from the bottom up, e.g. 1e-5 … 0.1, 1 */
    List<String> tickLabels() {
        List<String> labels = new ArrayList<>();
        for (int exponent = lowExponent; exponent <= highExponent; exponent++) {
            labels.add(Charts.powerOfTen(exponent));
        }
        return labels;
    }

    /**
     * @param background a fill colour
     * @return black or white, whichever reads better on it (by the fill's relative luminance)
     */
    static Color textOn(Color background) {
        double luminance = 0.2126 * background.getRed() + 0.7152 * background.getGreen() + 0.0722 * background.getBlue();
        return luminance > 140 ? Color.BLACK : Color.WHITE;
    }

    private static int mix(int from, int to, double fraction) {
        return (int) Math.round(from + (to - from) * fraction);
    }
}
