package org.icl4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory as Linux reports it, for the memory benchmarks. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** @return VmRSS from /proc/self/status in MiB, or −1 where /proc is unavailable */
    public static double mebibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** @return the JVM heap committed (reserved from the system for the heap) in MiB */
    public static double heapCommittedMebibytes() {
        return Runtime.getRuntime().totalMemory() / 1048576.0;
    }

    /** @return the JVM heap in use in MiB */
    public static double heapUsedMebibytes() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0;
    }
}
