/*
 * icl4j's MKL dispatch library: preloaded (LD_PRELOAD) by the icl4j launcher on AMD CPUs with AVX-512.
 *
 * The oneMKL inside PyTorch's CPU natives picks its kernels in two steps: it asks whether the CPU is an Intel one,
 * and only then chooses by the CPU's instruction sets. On any other CPU it runs a generic AVX2 code path, even where
 * the CPU has AVX-512. Both questions are answered by these two exported functions of libtorch_cpu.so; a preloaded
 * library that defines them first answers "yes", and MKL then chooses its kernels by the instruction sets the CPU
 * reports, as it does on an Intel CPU. Nothing else changes: the kernels compute the same products with the
 * instructions the CPU has (docs/TRAINING.md, "Speed", has the measurements and how to check which path runs).
 *
 * Both are needed: answering only the second makes MKL fall back to its SSE2 kernels.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}

int mkl_serv_intel_cpu(void) {
    return 1;
}
