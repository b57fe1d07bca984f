package org.icl4j.formats.model;

import org.icl4j.api.EpisodeBatch;

/**
 * The paper's tokenisation (docs/MODEL.md, "Tokenisation"): pair i becomes token {@code 2i = [0, x_i]} and
 * token {@code 2i+1 = [y_i, 0 … 0]}; the last label token is dropped, so n pairs give 2n − 1 tokens, and the
 * prediction for {@code y_i} is read at token {@code 2i}.
 */
public final class Tokens {

    private Tokens() {
    }

    /**
     * Tokenises episodes for a model of input width {@code modelDimension}. Episodes narrower than the model
     * (as in a curriculum that grows d, Garg et al.) have their unused x features set to zero.
     *
     * @param episodes the episodes, of dimension at most {@code modelDimension}
     * @param modelDimension the model's input width d
     * @return tokens, row-major shape [B, 2n − 1, d + 1]
     * @throws IllegalArgumentException when the episodes are wider than the model
     */
    public static float[] encode(EpisodeBatch episodes, int modelDimension) {
        int d = episodes.dimension();
        if (d > modelDimension) {
            throw new IllegalArgumentException("episodes have dimension " + d + " but the model reads at most "
                    + modelDimension);
        }
        int n = episodes.length();
        int tokens = TransformerConfig.tokens(n);
        int width = modelDimension + 1;
        float[] result = new float[episodes.batch() * tokens * width];
        for (int b = 0; b < episodes.batch(); b++) {
            for (int i = 0; i < n; i++) {
                int xToken = (b * tokens + 2 * i) * width;
                System.arraycopy(episodes.xs(), episodes.xOffset(b, i), result, xToken + 1, d);
                if (i < n - 1) {
                    result[xToken + width] = episodes.y(b, i);
                }
            }
        }
        return result;
    }
}
