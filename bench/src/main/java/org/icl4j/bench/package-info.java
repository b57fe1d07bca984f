/** JMH benchmarks of icl4j's reference algorithms; built as bench/target/benchmarks.jar (docs/BENCHMARKS.md). */
package org.icl4j.bench;
