/**
 * The files of a run folder: {@code results.json}, one CSV table and one PNG plot per metric, prediction files
 * and {@code report.html}. docs/FORMATS.md describes each file.
 */
package org.icl4j.cli.report;
