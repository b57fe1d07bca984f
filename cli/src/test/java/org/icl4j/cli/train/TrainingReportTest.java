package org.icl4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {

    private static final List<String> PLOTS = List.of(TrainingReport.TRAINING_PLOT, TrainingReport.EVALUATION_PLOT,
            TrainingReport.LAST_EVALUATION_PLOT);

    @TempDir
    Path directory;

    private static String[] train(Path run, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("train", "--d", "2", "--steps", "12", "--layers", "1",
                "--hidden", "8", "--set", "evaluationBatch=16", "--set", "evaluateEvery=4", "--set", "logEvery=2",
                "--out", run.toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aFinishedRunHasDecodablePlotsAndAReportLinkingThem() throws Exception {
        Path run = directory.resolve("run");

        CliRunner.Result result = CliRunner.run(train(run));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        assertThat(result.out()).contains("report: " + run.resolve("report.html"));
        for (String plot : PLOTS) {
            BufferedImage image = ImageIO.read(run.resolve(plot).toFile());
            assertThat(image).as(plot + " decodes as an image").isNotNull();
            assertThat(image.getWidth()).as(plot).isGreaterThan(100);
            assertThat(image.getHeight()).as(plot).isGreaterThan(100);
        }
        String html = Files.readString(run.resolve("report.html"));
        for (String plot : PLOTS) {
            assertThat(html).contains("src=\"" + plot + "\"");
        }
        assertThat(html).contains("icl4j train --d 2 --steps 12").contains("evaluateEvery=4")
                .contains("<th>lr</th>").contains("<th>task</th>").contains("href=\"metrics.jsonl\"")
                .contains("The evaluation at update 12 against k");
    }

    @Test
    void aResumedRunWritesThemAgain() throws Exception {
        Path run = directory.resolve("resumed");
        assertThat(CliRunner.run(train(run)).exitCode()).isEqualTo(Icl4j.OK);
        for (String file : PLOTS) {
            Files.delete(run.resolve(file));
        }
        Files.delete(run.resolve("report.html"));

        CliRunner.Result resumed = CliRunner.run(train(run, "--resume"));

        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(Icl4j.OK);
        for (String plot : PLOTS) {
            assertThat(ImageIO.read(run.resolve(plot).toFile())).as(plot).isNotNull();
        }
        assertThat(Files.readString(run.resolve("report.html"))).contains("--resume");
    }
}
