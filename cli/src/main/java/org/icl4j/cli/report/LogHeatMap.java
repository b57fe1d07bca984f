package org.icl4j.cli.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A heat map of a pairwise matrix (the paper's Fig. 2 MSPD table) on a logarithmic colour scale, drawn with Java 2D.
 * MSPD values between the paper's algorithms span several decades (3·10⁻⁶ between GD and SGD, 4 between k-NN and
 * averaging); on a linear scale every cell but averaging's is the same colour. XChart's heat map prints the value it
 * colours by, so a log scale there would print logarithms: here the colour follows log₁₀ of the value and the cell
 * shows the value itself. Row A, column B holds the value for (A, B); a zero (an estimator against itself) has no
 * logarithm and is drawn in grey; a missing (non-finite) value is left white.
 */
final class LogHeatMap {

    /** Colour of a cell whose value is 0 (no place on a log scale). */
    static final Color ZERO = new Color(0xd9d9d9);
    /** Colour of a cell without a finite value. */
    static final Color MISSING = Color.WHITE;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font VALUE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int MARGIN = 16;
    private static final int BAR_WIDTH = 22;

    /**
     * The cells' position in the image.
     *
     * @param left x of the first column's left edge
     * @param top y of the first row's top edge
     * @param cell a cell's side in pixels
     */
    record Layout(int left, int top, int cell) {
        /** @return x of column {@code column}'s left edge */
        int x(int column) {
            return left + column * cell;
        }

        /** @return y of row {@code row}'s top edge */
        int y(int row) {
            return top + row * cell;
        }
    }

    /**
     * The image and where its cells are.
     *
     * @param image the drawing
     * @param layout the cells' position
     * @param scale the colour scale used
     */
    record Drawing(BufferedImage image, Layout layout, LogColourScale scale) {
    }

    private LogHeatMap() {
    }

    /**
     * Draws the matrix.
     *
     * @param title the title
     * @param names row and column names, in order
     * @param values values[row][column], NaN where missing
     * @return the drawing
     */
    static Drawing draw(String title, List<String> names, double[][] values) {
        LogColourScale scale = LogColourScale.covering(values);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = probe.createGraphics();
        FontMetrics label = measure.getFontMetrics(LABEL);
        FontMetrics value = measure.getFontMetrics(VALUE);
        FontMetrics heading = measure.getFontMetrics(TITLE);
        int longest = names.stream().mapToInt(label::stringWidth).max().orElse(0);
        int widestValue = value.stringWidth("8.8e-88");
        List<String> ticks = scale.tickLabels();
        int widestTick = ticks.stream().mapToInt(label::stringWidth).max().orElse(0);
        measure.dispose();

        int n = names.size();
        int cell = Math.max(48, widestValue + 12);
        // Column labels are drawn at 45°: they reach down by (width + height)/√2.
        int columnLabels = (int) Math.ceil((longest + label.getHeight()) / Math.sqrt(2)) + 8;
        int left = MARGIN + longest + 10;
        int top = MARGIN + heading.getHeight() + 12;
        int grid = n * cell;
        int barLeft = left + grid + 30;
        int width = Math.max(barLeft + BAR_WIDTH + 8 + widestTick + MARGIN,
                MARGIN * 2 + heading.stringWidth(title));
        // The last column's label leans right, past the grid, by up to columnLabels.
        width = Math.max(width, left + grid + columnLabels + MARGIN);
        int height = top + grid + columnLabels + MARGIN;
        Layout layout = new Layout(left, top, cell);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, (width - heading.stringWidth(title)) / 2, MARGIN + heading.getAscent());

        g.setFont(VALUE);
        for (int row = 0; row < n; row++) {
            for (int column = 0; column < n; column++) {
                double v = values[row][column];
                Color fill = scale.colour(v);
                g.setColor(fill);
                g.fillRect(layout.x(column), layout.y(row), cell, cell);
                if (Double.isFinite(v)) {
                    String text = v == 0 ? "0" : Charts.compact(v);
                    g.setColor(LogColourScale.textOn(fill));
                    g.drawString(text, layout.x(column) + (cell - value.stringWidth(text)) / 2,
                            layout.y(row) + (cell + value.getAscent() - value.getDescent()) / 2);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, grid, grid);

        g.setFont(LABEL);
        g.setColor(Color.BLACK);
        for (int row = 0; row < n; row++) {
            String name = names.get(row);
            g.drawString(name, left - 8 - label.stringWidth(name),
                    layout.y(row) + (cell + label.getAscent() - label.getDescent()) / 2);
        }
        for (int column = 0; column < n; column++) {
            AffineTransform saved = g.getTransform();
            g.translate(layout.x(column) + cell / 2.0, top + grid + 8);
            g.rotate(Math.PI / 4);
            g.drawString(names.get(column), 0, label.getAscent() / 2);
            g.setTransform(saved);
        }

        // The colour bar: one band per pixel from the top decade down to the bottom one, ticks at each decade.
        for (int y = 0; y < grid; y++) {
            double exponent = scale.highExponent() - (scale.highExponent() - scale.lowExponent()) * (y + 0.5) / grid;
            g.setColor(scale.colour(Math.pow(10, exponent)));
            g.fillRect(barLeft, top + y, BAR_WIDTH, 1);
        }
        g.setColor(Color.GRAY);
        g.drawRect(barLeft, top, BAR_WIDTH, grid);
        g.setColor(Color.BLACK);
        int decades = scale.highExponent() - scale.lowExponent();
        for (int i = 0; i <= decades; i++) {
            int y = top + (int) Math.round((double) grid * (decades - i) / decades);
            g.drawLine(barLeft + BAR_WIDTH, y, barLeft + BAR_WIDTH + 4, y);
            g.drawString(ticks.get(i), barLeft + BAR_WIDTH + 8, y + (label.getAscent() - label.getDescent()) / 2);
        }
        g.dispose();
        return new Drawing(image, layout, scale);
    }
}
