package org.icl4j.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icl4j.harness.compare.NearestAlgorithm;

/**
 * {@code report.html}: the run's plots with the exact command, settings and provenance. Images and tables are
 * linked relatively, so the folder can be moved and opened offline.
 */
public final class HtmlReport {

    /**
     * One figure of the report.
     *
     * @param title the heading
     * @param image the PNG's file name in the run folder
     * @param table the CSV's file name in the run folder
     */
    public record Figure(String title, String image, String table) {
    }

    /**
     * A section of text and an optional table before the figures.
     *
     * @param heading the heading
     * @param paragraphs the paragraphs
     * @param header the table's column names, empty for no table
     * @param rows the table's rows, each as long as the header
     */
    public record Section(String heading, List<String> paragraphs, List<String> header, List<List<String>> rows) {
        /** Copies the lists. */
        public Section {
            paragraphs = List.copyOf(paragraphs);
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    private HtmlReport() {
    }

    /**
     * Writes the report.
     *
     * @param file the HTML file
     * @param title the page title
     * @param command the command line as typed
     * @param settings the resolved settings
     * @param provenance the provenance fields
     * @param figures the plots in order
     * @param files other files of the run folder to link
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String title, String command, Map<String, Object> settings,
                             Map<String, Object> provenance, List<Figure> figures, List<String> files) throws IOException {
        write(file, title, command, settings, provenance, List.of(), figures, files);
    }

    /**
     * Writes the report with sections of findings between the provenance and the figures.
     *
     * @param file the HTML file
     * @param title the page title
     * @param command the command line as typed
     * @param settings the resolved settings
     * @param provenance the provenance fields
     * @param sections the findings, in order
     * @param figures the plots in order
     * @param files other files of the run folder to link
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String title, String command, Map<String, Object> settings,
                             Map<String, Object> provenance, List<Section> sections, List<Figure> figures,
                             List<String> files) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("pre{background:#f4f4f4;padding:.8em;overflow-x:auto;white-space:pre-wrap}\n")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}\n")
                .append("img{max-width:100%;border:1px solid #ddd}\n</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        html.append("<h2>Command</h2>\n<pre>").append(escape(command)).append("</pre>\n");
        html.append("<h2>Settings</h2>\n");
        table(html, settings);
        html.append("<h2>Provenance</h2>\n");
        table(html, provenance);
        for (Section section : sections) {
            html.append("<h2>").append(escape(section.heading())).append("</h2>\n");
            for (String paragraph : section.paragraphs()) {
                html.append("<p>").append(escape(paragraph)).append("</p>\n");
            }
            if (!section.header().isEmpty()) {
                html.append("<table>\n<tr>");
                section.header().forEach(cell -> html.append("<th>").append(escape(cell)).append("</th>"));
                html.append("</tr>\n");
                for (List<String> row : section.rows()) {
                    html.append("<tr>");
                    row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
                    html.append("</tr>\n");
                }
                html.append("</table>\n");
            }
        }
        for (Figure figure : figures) {
            html.append("<h2>").append(escape(figure.title())).append("</h2>\n")
                    .append("<p><img src=\"").append(escape(figure.image())).append("\" alt=\"")
                    .append(escape(figure.title())).append("\"></p>\n<p>Data: <a href=\"").append(escape(figure.table()))
                    .append("\">").append(escape(figure.table())).append("</a></p>\n");
        }
        html.append("<h2>Files</h2>\n<ul>\n");
        for (String name : files) {
            html.append("<li><a href=\"").append(escape(name)).append("\">").append(escape(name)).append("</a></li>\n");
        }
        html.append("</ul>\n</body>\n</html>\n");
        Files.writeString(file, html);
    }

    /**
     * The "Which algorithm is it?" section: each model's sentence, then every candidate's SPD/d with its interval.
     *
     * @param nearest one finding per model
     * @return the section, or no section without findings
     */
    public static List<Section> nearestSection(List<NearestAlgorithm> nearest) {
        if (nearest.isEmpty()) {
            return List.of();
        }
        List<String> paragraphs = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (NearestAlgorithm finding : nearest) {
            paragraphs.add(finding.sentence());
            for (NearestAlgorithm.Range range : List.of(finding.underdetermined(), finding.determined())) {
                for (NearestAlgorithm.Candidate candidate : range.ranked()) {
                    rows.add(List.of(finding.model(), range.label(), candidate.estimator(),
                            String.format(Locale.ROOT, "%.4g", candidate.mean()),
                            String.format(Locale.ROOT, "[%.4g, %.4g]", candidate.lower(), candidate.upper()),
                            range.nearest().contains(candidate) ? "nearest" : ""));
                }
            }
        }
        paragraphs.add("SPD/d is averaged over the range's prefix lengths k within each episode; the interval is the "
                + "95% confidence interval of its mean across episodes. Candidates whose intervals overlap the "
                + "smallest one's are all marked nearest.");
        return List.of(new Section("Which algorithm is it?", paragraphs,
                List.of("model", "range", "algorithm", "SPD/d", "95% interval", ""), rows));
    }

    private static void table(StringBuilder html, Map<String, Object> rows) {
        html.append("<table>\n");
        for (Map.Entry<String, Object> row : rows.entrySet()) {
            html.append("<tr><th>").append(escape(row.getKey())).append("</th><td>")
                    .append(escape(String.valueOf(row.getValue()))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /**
     * @param text any text
     * @return the text with HTML's special characters escaped
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
