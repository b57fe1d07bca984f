package org.icl4j.transformer.construction;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.icl4j.api.Rng;
import org.icl4j.transformer.ReferenceTransformer;

/**
 * Regenerates docs/constructions/accuracy.csv and accuracy.png: the largest |compiled − algorithm| prediction of
 * the compiled GD, SGD and ridge programs as the precision knob varies, in double precision (the reference
 * forward pass) and in float32 ({@link Float32Forward}). Not a test; run it from the repository root:
 * <pre>
 * mvn -q -B -o -pl algorithms -am test-compile
 * java -cp algorithms/target/classes:algorithms/target/test-classes:api/target/classes:JACKSON_AND_EJML_JARS \
 *     org.icl4j.transformer.construction.AccuracyTable docs/constructions
 * </pre>
 */
public final class AccuracyTable {

    static final double[] PRECISIONS = {10, 20, 30, 50, 100, 300, 1000, 10000};
    static final int[] DIMENSIONS = {2, 4, 8};
    static final int EPISODES = 5;
    static final int PAIRS = 8;

    private AccuracyTable() {
    }

    /** One measured point. */
    record Row(String program, int dimension, double precision, int layers, int hidden, double doubleError,
            double floatError) {
    }

    static List<Program> programs(int d) {
        return List.of(LearningPrograms.gradientDescent(d, PAIRS + 1, 0.05, 0, new double[d]),
                LearningPrograms.onlineSgd(d, PAIRS, 0.05, 0), LearningPrograms.ridge(d, PAIRS, 0.25));
    }

    /**
     * @param args the output folder
     * @throws IOException when the files cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "docs/constructions");
        Files.createDirectories(folder);
        List<Row> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("program,d,k,precision,layers,hidden,max_error_double,max_error_float32\n");
        for (int d : DIMENSIONS) {
            for (Program program : programs(d)) {
                for (double p : PRECISIONS) {
                    CompiledConstruction compiled = ConstructionCompiler.compile(program, new Precision(p));
                    ReferenceTransformer model = compiled.reference();
                    Float32Forward single = new Float32Forward(compiled.config(), compiled.weights());
                    double doubleError = 0;
                    double floatError = 0;
                    for (int e = 0; e < EPISODES; e++) {
                        Rng random = new Rng(1000 + e);
                        double[][] xs = LearningProgramsTest.inputs(random, program.maxPairs(), d);
                        double[] ys = LearningProgramsTest.labels(random, xs);
                        double[] expected = Interpreter.predictions(program, xs, ys);
                        double[][] tokens = CompilerTest.tokens(xs, ys);
                        double[] outputs = model.forward(tokens).outputs();
                        float[] floats = single.outputs(tokens);
                        for (int i = 0; i < xs.length; i++) {
                            doubleError = Math.max(doubleError, Math.abs(outputs[2 * i] - expected[i]));
                            floatError = Math.max(floatError, Math.abs(floats[2 * i] - expected[i]));
                        }
                    }
                    String name = program.name().substring(0, program.name().indexOf(':'));
                    Row row = new Row(name, d, p, compiled.config().layers(), compiled.config().hidden(),
                            doubleError, floatError);
                    rows.add(row);
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.0f,%d,%d,%.3e,%.3e%n", name, d, PAIRS, p,
                            row.layers(), row.hidden(), doubleError, floatError));
                    System.out.print(csv.substring(csv.lastIndexOf("\n", csv.length() - 2) + 1));
                }
            }
        }
        Files.writeString(folder.resolve("accuracy.csv"), csv);
        ImageIO.write(plot(rows), "png", folder.resolve("accuracy.png").toFile());
    }

    private static BufferedImage plot(List<Row> rows) {
        int width = 760;
        int height = 480;
        int left = 80;
        int right = 190;
        int top = 30;
        int bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double xMin = Math.log10(PRECISIONS[0]);
        double xMax = Math.log10(PRECISIONS[PRECISIONS.length - 1]);
        double yMin = -8;
        double yMax = 2;
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(225, 225, 225));
        for (int e = (int) yMin; e <= yMax; e++) {
            int y = top + (int) ((yMax - e) / (yMax - yMin) * plotHeight);
            g.drawLine(left, y, left + plotWidth, y);
            g.setColor(Color.BLACK);
            g.drawString("1e" + e, left - 40, y + 4);
            g.setColor(new Color(225, 225, 225));
        }
        for (double p : PRECISIONS) {
            int x = left + (int) ((Math.log10(p) - xMin) / (xMax - xMin) * plotWidth);
            g.drawLine(x, top, x, top + plotHeight);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", p), x - 12, top + plotHeight + 18);
            g.setColor(new Color(225, 225, 225));
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotWidth, plotHeight);
        g.drawString("precision p (log scale)", left + plotWidth / 2 - 60, height - 15);
        g.drawString("max |compiled − algorithm|", 10, 18);
        Color[] colours = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44)};
        String[] names = {"gd", "sgd", "ridge"};
        int legend = 0;
        for (int c = 0; c < names.length; c++) {
            for (boolean single : new boolean[] {false, true}) {
                for (int d : new int[] {2, 8}) {
                    List<int[]> points = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.program().equals(names[c]) && row.dimension() == d) {
                            double error = Math.max(single ? row.floatError() : row.doubleError(), 1e-8);
                            double value = Math.min(Math.log10(error), yMax);
                            points.add(new int[] {left + (int) ((Math.log10(row.precision()) - xMin) / (xMax - xMin)
                                    * plotWidth), top + (int) ((yMax - value) / (yMax - yMin) * plotHeight)});
                        }
                    }
                    float[] dash = single ? new float[] {6, 4} : null;
                    g.setColor(d == 8 ? colours[c] : colours[c].brighter());
                    g.setStroke(new BasicStroke(d == 8 ? 2.2f : 1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                            10, dash, 0));
                    for (int i = 1; i < points.size(); i++) {
                        g.drawLine(points.get(i - 1)[0], points.get(i - 1)[1], points.get(i)[0], points.get(i)[1]);
                    }
                    int y = top + 10 + legend * 18;
                    g.drawLine(left + plotWidth + 12, y, left + plotWidth + 42, y);
                    g.drawString(names[c] + " d=" + d + (single ? " float32" : " double"), left + plotWidth + 48, y + 4);
                    legend++;
                }
            }
        }
        g.dispose();
        return image;
    }
}
