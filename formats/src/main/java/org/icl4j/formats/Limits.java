package org.icl4j.formats;

import java.util.Locale;

/**
 * The largest sizes icl4j accepts (docs/LIMITS.md), and the check that what a size would allocate fits in this JVM's
 * memory. Every reader and command checks its sizes against these limits, and the memory they need against
 * {@link #requireMemory}, before it allocates anything, so a hostile or mistyped size is one clear error instead of
 * an {@link OutOfMemoryError}, a long garbage-collection stall or an integer overflow.
 *
 * <p>The limits are far above the paper's settings (d ≤ 20, n ≤ 80, 16 layers, width 512) and below the sizes at
 * which int indexing of one tensor or one episode array would overflow.
 */
public final class Limits {

    /** Largest input dimension d. */
    public static final int MAX_DIMENSION = 4096;
    /** Largest number of (x, y) pairs per episode n (a model's {@code maxPairs}). */
    public static final int MAX_PAIRS = 65_536;
    /** Largest number of episodes in one comparison, evaluation or episodes file. */
    public static final int MAX_EPISODES = 10_000_000;
    /** Largest number of transformer blocks. */
    public static final int MAX_LAYERS = 1024;
    /** Largest hidden width H, attention width heads·headSize, and number of heads. */
    public static final int MAX_HIDDEN = 65_536;
    /** Largest MLP inner width F. */
    public static final int MAX_MLP_HIDDEN = 4 * MAX_HIDDEN;
    /** Largest number of values in one tensor or array (Java arrays are int-indexed). */
    public static final long MAX_ARRAY_VALUES = Integer.MAX_VALUE - 8;
    /** Largest number of trainable parameters of a model. */
    public static final long MAX_PARAMETERS = 4_000_000_000L;
    /** Largest JSON file icl4j reads (config.json, training-state.json). */
    public static final long MAX_JSON_BYTES = 16L << 20;
    /** Largest .npy array (one .npz entry, inflated) and largest safetensors file. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private Limits() {
    }

    /**
     * @param name what the value is, as the user wrote it (a flag, a spec parameter, a file's field)
     * @param value the value
     * @param maximum the largest allowed value
     * @return value
     * @throws IllegalArgumentException naming the value and the limit
     */
    public static long requireAtMost(String name, long value, long maximum) {
        if (value > maximum) {
            throw new IllegalArgumentException(name + " must be at most " + maximum + " (docs/LIMITS.md), found " + value);
        }
        return value;
    }

    /**
     * Refuses a size whose allocation would not fit in this JVM's heap: the bytes are compared with the heap not
     * yet in use ({@link Runtime#maxMemory()} less what is allocated now).
     *
     * @param what what would be allocated, for the message, e.g. {@code "episodes of --episodes 6000000, n = 40, d = 8"}
     * @param bytes the bytes it needs (saturated at {@link Long#MAX_VALUE} by the caller when it overflows)
     * @throws BadInputException naming what, how much it needs, how much is free and what to do
     */
    public static void requireMemory(String what, long bytes) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free) {
            throw new BadInputException(what + " needs about " + bytes(bytes) + " of memory, more than the " + bytes(free)
                    + " this JVM has free (maximum heap " + bytes(runtime.maxMemory()) + ", set with -Xmx); ask for less "
                    + "or give the JVM more memory");
        }
    }

    /**
     * Refuses work whose native (off-heap) memory, e.g. an engine's tensors, would exceed this machine's physical
     * memory.
     *
     * @param what what would be allocated, for the message
     * @param bytes a lower bound of the bytes it needs
     * @throws BadInputException naming what, how much it needs and how much the machine has
     */
    public static void requireMachineMemory(String what, long bytes) {
        long total = machineMemory();
        if (total > 0 && bytes > total) {
            throw new BadInputException(what + " needs at least " + bytes(bytes) + " of memory, more than the "
                    + bytes(total) + " this machine has; use a smaller model, batch or episode length");
        }
    }

    /**
     * @return the machine's physical memory in bytes from /proc/meminfo (Linux), or -1 where it cannot be read, in
     *     which case the check is skipped (JDK-only: the management extensions would add a module to formats)
     */
    private static long machineMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * @param factors sizes to multiply
     * @return their product, or {@link Long#MAX_VALUE} when it overflows (so a memory check refuses it)
     */
    public static long saturatedProduct(long... factors) {
        long product = 1;
        for (long factor : factors) {
            if (factor < 0) {
                throw new IllegalArgumentException("sizes are non-negative, found " + factor);
            }
            if (factor != 0 && product > Long.MAX_VALUE / factor) {
                return Long.MAX_VALUE;
            }
            product *= factor;
        }
        return product;
    }

    /**
     * @param terms sizes to add
     * @return their sum, or {@link Long#MAX_VALUE} when it overflows
     */
    public static long saturatedSum(long... terms) {
        long sum = 0;
        for (long term : terms) {
            sum = term > Long.MAX_VALUE - sum ? Long.MAX_VALUE : sum + term;
        }
        return sum;
    }

    /**
     * Refuses a task spec whose {@code d} exceeds {@link #MAX_DIMENSION}, before the task (which may allocate
     * d-sized arrays) is created.
     *
     * @param taskSpec the task spec's text form, for the message
     * @param d the spec's {@code d} parameter as written, if any
     */
    public static void requireTaskDimension(String taskSpec, java.util.Optional<String> d) {
        if (d.isPresent() && d.get().strip().matches("[0-9]{1,18}")) {
            requireAtMost("d of task " + taskSpec, Long.parseLong(d.get().strip()), MAX_DIMENSION);
        }
    }

    /**
     * @param bytes a byte count
     * @return it in the largest binary unit that keeps it ≥ 1, e.g. {@code 7.2 GiB}
     */
    public static String bytes(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
