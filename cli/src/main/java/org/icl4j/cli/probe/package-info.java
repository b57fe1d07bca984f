/** {@code icl4j probe}: probing a trained model's hidden states layer by layer. */
package org.icl4j.cli.probe;
