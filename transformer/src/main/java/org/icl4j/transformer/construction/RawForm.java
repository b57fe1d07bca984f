package org.icl4j.transformer.construction;


/** A primitive that is a special case of the {@link Raw} operator (Appendix C.3: mov, aff and mul). */
public interface RawForm {

    /** @return the equivalent RAW operator */
    Raw toRaw();
}
