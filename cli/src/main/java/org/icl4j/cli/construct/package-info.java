/** {@code icl4j construct}: compile GD, SGD or ridge into transformer weights (docs/CONSTRUCTIONS.md). */
package org.icl4j.cli.construct;
