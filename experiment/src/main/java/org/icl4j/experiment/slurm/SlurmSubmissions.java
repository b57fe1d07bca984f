package org.icl4j.experiment.slurm;

import org.icl4j.formats.AtomicFiles;
import org.icl4j.experiment.PlannedRun;
import org.icl4j.experiment.RunId;
import org.icl4j.experiment.SuiteFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The submissions recorded in a suite's {@code slurm/} folder: {@code submit-<n>.sh} (the job-array script),
 * {@code submit-<n>.runs} (line i: the run index and id of array index i), {@code submit-<n>.job} (the array's
 * job id, written once {@code sbatch} accepted it) and {@code submit-<n>.log} (what a task printed before it
 * found its run folder).
 */
final class SlurmSubmissions {
    private static final Pattern RUNS_FILE = Pattern.compile("submit-(\\d+)\\.runs");

    /**
     * One array index of a submission.
     *
     * @param arrayIndex the task's {@code SLURM_ARRAY_TASK_ID}
     * @param runIndex the run's index in the plan
     * @param id the run
     */
    record Entry(int arrayIndex, int runIndex, RunId id) {
    }

    /**
     * @param number its number, from 1
     * @param entries its runs by array index
     * @param job the array's job id, when {@code sbatch} accepted it
     */
    record Submission(int number, List<Entry> entries, Optional<String> job) {
    }

    private SlurmSubmissions() {
    }

    static Path folder(SuiteFolder suite) {
        return suite.root().toAbsolutePath().normalize().resolve("slurm");
    }

    static Path script(SuiteFolder suite, int number) {
        return folder(suite).resolve("submit-" + number + ".sh");
    }

    static Path runs(SuiteFolder suite, int number) {
        return folder(suite).resolve("submit-" + number + ".runs");
    }

    static Path job(SuiteFolder suite, int number) {
        return folder(suite).resolve("submit-" + number + ".job");
    }

    static Path log(SuiteFolder suite, int number) {
        return folder(suite).resolve("submit-" + number + ".log");
    }

    /**
     * @param suite a suite folder
     * @return its submissions, oldest first
     * @throws IOException when a record cannot be read
     */
    static List<Submission> read(SuiteFolder suite) throws IOException {
        Path folder = folder(suite);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> {
                Matcher name = RUNS_FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    numbers.add(Integer.parseInt(name.group(1)));
                }
            });
        }
        numbers.sort(Comparator.naturalOrder());
        List<Submission> submissions = new ArrayList<>();
        for (int number : numbers) {
            List<Entry> entries = new ArrayList<>();
            List<String> lines = Files.readAllLines(runs(suite, number));
            for (int i = 0; i < lines.size(); i++) {
                String[] fields = lines.get(i).split(" ");
                if (fields.length != 2 || !fields[0].matches("\\d+")) {
                    throw new IOException(runs(suite, number) + ":" + (i + 1) + ": expected '<run index> <run id>', found '"
                            + lines.get(i) + "'");
                }
                entries.add(new Entry(i, Integer.parseInt(fields[0]), new RunId(fields[1])));
            }
            Path job = job(suite, number);
            Optional<String> id = Files.exists(job) ? Optional.of(Files.readString(job).strip()) : Optional.empty();
            submissions.add(new Submission(number, List.copyOf(entries), id));
        }
        return submissions;
    }

    /**
     * Writes the run list of a new submission.
     *
     * @return its number: one more than the highest so far
     */
    static int create(SuiteFolder suite, List<PlannedRun> runs) throws IOException {
        Files.createDirectories(folder(suite));
        int number = read(suite).stream().mapToInt(Submission::number).max().orElse(0) + 1;
        StringBuilder text = new StringBuilder();
        for (PlannedRun run : runs) {
            text.append(run.index()).append(' ').append(run.id().value()).append('\n');
        }
        AtomicFiles.writeString(runs(suite, number), text.toString());
        return number;
    }
}
