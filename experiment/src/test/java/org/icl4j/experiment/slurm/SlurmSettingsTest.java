package org.icl4j.experiment.slurm;

import org.icl4j.experiment.Plan;
import org.icl4j.experiment.SuiteFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlurmSettingsTest {
    @Test
    void badSettingsAreOneClearErrorEach() {
        assertThatThrownBy(() -> SlurmSettings.of("4h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time must be HH:MM:SS (for example 04:00:00 or 48:00:00), found '4h'");
        assertThatThrownBy(() -> SlurmSettings.of("01:60:00")).hasMessageContaining("found '01:60:00'");
        assertThatThrownBy(() -> SlurmSettings.of("00:00:00")).hasMessage("time must be longer than 00:00:00, found '00:00:00'");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withPartition("gpu partition"))
                .hasMessageStartingWith("partition must be a SLURM partition name").hasMessageEndingWith("found 'gpu partition'");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withResources(-1, 1))
                .hasMessage("gpusPerRun must be between 0 and 64, found -1");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withResources(0, 0))
                .hasMessage("cpusPerRun must be between 1 and 1024, found 0");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withMaxParallel(0))
                .hasMessage("maxParallel must be between 1 and 100000, found 0");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withSbatchArgs(List.of("--array=0-3")))
                .hasMessageStartingWith("sbatch argument '--array=0-3' sets --array, which the executor sets itself");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withSbatchArgs(List.of("-p debug")))
                .hasMessage("sbatch argument '-p debug' sets --partition, which the partition setting sets; use that instead");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withSbatchArgs(List.of("--gres=gpu:a100:2")))
                .hasMessageStartingWith("sbatch argument '--gres=gpu:a100:2' requests GPUs, which the gpusPerRun setting does");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withSbatchArgs(List.of("account=proj")))
                .hasMessageStartingWith("an sbatch argument must be one option such as --account=proj");
        assertThatThrownBy(() -> SlurmSettings.of("01:00:00").withSbatchArgs(List.of("--qos=high\n#SBATCH --array=1")))
                .hasMessage("an sbatch argument must be one line, found '--qos=high\\n#SBATCH --array=1'");
        SlurmSettings fine = new SlurmSettings(Optional.of("gpu,gpu-long"), "48:00:00", 2, 8, 16, List.of("--account=icl", "--exclusive"));
        assertThat(fine.device()).isEqualTo("gpu");
        assertThat(SlurmSettings.of("00:10:00").device()).isEqualTo("cpu");
    }

    @Test
    void theJobArrayScriptSetsEverySettingAndMapsTheArrayIndexThroughTheRunsFile() {
        SlurmSettings settings = new SlurmSettings(Optional.of("gpu"), "02:00:00", 1, 4, 3, List.of("--account=icl", "--qos high"));
        SlurmExecutor executor = new SlurmExecutor(settings, List.of("/opt/icl4j/icl4j", "run-one", "--device", "gpu"),
                new SlurmCommands(""));
        String expected = """
                #!/bin/bash
                # icl4j suite /shared/sweeps/fig3: submission 2, wave 1 of 2, 5 runs.
                # Array index i runs the run on line i + 1 of submit-2.runs ("<run index> <run id>");
                # the task's output goes to runs/<run id>/slurm.log.
                #SBATCH --job-name=icl4j-fig3
                #SBATCH --array=0-4%3
                #SBATCH --partition=gpu
                #SBATCH --time=02:00:00
                #SBATCH --cpus-per-task=4
                #SBATCH --gres=gpu:1
                #SBATCH --output=/shared/sweeps/fig3/slurm/submit-2.log
                #SBATCH --open-mode=append
                #SBATCH --account=icl
                #SBATCH --qos high
                set -euo pipefail
                suite=/shared/sweeps/fig3
                mapfile -t entries < "$suite/slurm/submit-2.runs"
                entry=${entries[$SLURM_ARRAY_TASK_ID]:-}
                index=${entry%% *}
                id=${entry#* }
                if [[ -z "$entry" ]]; then
                  echo "icl4j: no run for array index $SLURM_ARRAY_TASK_ID in $suite/slurm/submit-2.runs" >&2
                  exit 2
                fi
                mkdir -p "$suite/runs/$id"
                exec >>"$suite/runs/$id/slurm.log" 2>&1
                echo "icl4j: run $index ($id), job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (${SLURM_JOB_ID}) on $(hostname) at $(date -u +%FT%TZ)"
                exec /opt/icl4j/icl4j run-one --device gpu "$suite" "$index"
                """;
        assertThat(executor.script(Path.of("/shared/sweeps/fig3"), 2, 5, 3, 1, 2)).isEqualTo(expected);
        assertThat(SlurmExecutor.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void aWaveBeyondMaxArraySizeIsSplitIntoArraysThatShareMaxParallel() {
        // the paper scale's 1096 trainings under the default MaxArraySize 1001: two arrays of 548, 4 + 4 tasks at once
        assertThat(SlurmExecutor.split(1096, 1001, 8)).containsExactly(new SlurmExecutor.ArrayPart(0, 548, 4),
                new SlurmExecutor.ArrayPart(548, 1096, 4));
        // 2003 runs: three arrays of 667, 668 and 668; 8 = 3 + 3 + 2
        assertThat(SlurmExecutor.split(2003, 1001, 8)).containsExactly(new SlurmExecutor.ArrayPart(0, 667, 3),
                new SlurmExecutor.ArrayPart(667, 1335, 3), new SlurmExecutor.ArrayPart(1335, 2003, 2));
        assertThat(SlurmExecutor.split(5, 1001, 2)).containsExactly(new SlurmExecutor.ArrayPart(0, 5, 2));
    }

    @Test
    void squeueArrayIndexFieldsAreReadAsSingleIndicesOrRanges() {
        assertThat(SlurmQueue.indices("3")).containsExactly(3);
        assertThat(SlurmQueue.indices("[0-4,7%2]")).containsExactly(0, 1, 2, 3, 4, 7);
        assertThat(SlurmQueue.indices("N/A")).isEmpty();
    }

    @Test
    void aMissingSbatchIsOneClearErrorAndNothingIsWritten(@TempDir Path empty, @TempDir Path out) throws Exception {
        SuiteFolder folder = new SuiteFolder(out.resolve("suite"));
        Plan plan = SlurmClusterTest.suite().plan();
        folder.writePlan(plan);
        SlurmExecutor executor = new SlurmExecutor(SlurmSettings.of("00:05:00"), List.of("icl4j", "run-one"), new SlurmCommands(empty.toString()));
        assertThatThrownBy(() -> executor.submit(folder, plan)).isInstanceOf(SlurmException.class)
                .hasMessage("sbatch is not on PATH (" + empty + "); run this on a host of the SLURM cluster (a login node) "
                        + "where SLURM's client commands are installed");
        assertThat(folder.root().resolve("slurm")).doesNotExist();
        try (var files = Files.list(folder.root().resolve("runs"))) {
            assertThat(files).isEmpty();
        }
    }
}
