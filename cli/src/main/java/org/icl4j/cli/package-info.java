/**
 * The {@code icl4j} command-line application: the top-level command ({@link org.icl4j.cli.Icl4j}), the base class
 * of subcommands ({@link org.icl4j.cli.Icl4jCommand}), exit-code handling and run provenance.
 */
package org.icl4j.cli;
