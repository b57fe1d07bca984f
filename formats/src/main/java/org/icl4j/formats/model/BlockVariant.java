package org.icl4j.formats.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The residual block of the transformer (docs/MODEL.md, "Blocks"). */
public enum BlockVariant {
    /**
     * The authors' block (Akyürek et al.'s code): {@code x = LN1(h); x = x + Attn(x); x = LN2(x); h' = x + MLP(x)};
     * the normalised tensor is carried in the residual stream, and there is no final LayerNorm.
     */
    AUTHORS("authors", true, false),
    /** GPT-2's pre-LN block: {@code h = h + Attn(LN1(h)); h' = h + MLP(LN2(h))}, with a final LayerNorm. */
    PRE_LN("pre-ln", true, true),
    /**
     * No normalisation at all: {@code h = h + Attn(h); h' = h + MLP(h)}, no final LayerNorm. The construction
     * compiler lowers the paper's RAW primitives to this block, where LayerNorm would only get in the way.
     */
    PLAIN("plain", false, false, false),
    /**
     * {@code plain} with a LayerNorm before the MLP only: {@code h = h + Attn(h); h' = h + MLP(LN2(h))}, tensors
     * {@code norm2} but no {@code norm1}, no final LayerNorm. The construction compiler uses it, as a per-block
     * override, for the layers that divide through LayerNorm (the paper's Appendix C.6).
     */
    PLAIN_MLP_NORM("plain-mlp-norm", false, true, false);

    private final String id;
    private final boolean hasNorm1;
    private final boolean hasNorm2;
    private final boolean hasFinalNorm;

    BlockVariant(String id, boolean hasBlockNorms, boolean hasFinalNorm) {
        this(id, hasBlockNorms, hasBlockNorms, hasFinalNorm);
    }

    BlockVariant(String id, boolean hasNorm1, boolean hasNorm2, boolean hasFinalNorm) {
        this.id = id;
        this.hasNorm1 = hasNorm1;
        this.hasNorm2 = hasNorm2;
        this.hasFinalNorm = hasFinalNorm;
    }

    /** @return the name used in config.json and specs, e.g. {@code pre-ln} */
    public String id() {
        return id;
    }

    /** @return whether each block has both LayerNorms {@code norm1} and {@code norm2} */
    public boolean hasBlockNorms() {
        return hasNorm1 && hasNorm2;
    }

    /** @return whether the block has the LayerNorm {@code norm1} (before or around attention) */
    public boolean hasNorm1() {
        return hasNorm1;
    }

    /** @return whether the block has the LayerNorm {@code norm2} (before or around the MLP) */
    public boolean hasNorm2() {
        return hasNorm2;
    }

    /** @return whether the model applies {@code final_norm} before the readout */
    public boolean hasFinalNorm() {
        return hasFinalNorm;
    }

    /**
     * @param id a block name as written in config.json
     * @return the variant
     * @throws IllegalArgumentException naming the allowed names
     */
    public static BlockVariant fromId(String id) {
        for (BlockVariant variant : values()) {
            if (variant.id.equals(id)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown block '" + id + "'; allowed: "
                + Arrays.stream(values()).map(BlockVariant::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
