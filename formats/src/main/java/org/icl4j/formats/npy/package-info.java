/**
 * File formats shared with Python: numpy's {@code .npy} and {@code .npz} (read and written without numpy, from the
 * format's specification), the episodes file, and CSV. docs/FORMATS.md describes each.
 */
package org.icl4j.formats.npy;
