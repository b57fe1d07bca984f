package org.icl4j.api;

import static java.util.Objects.requireNonNull;

/**
 * One layer's hidden states of a set of episodes, the input of a probe. Under the paper's tokenisation pair i is
 * tokens 2i ({@code [0, x_i]}) and 2i + 1 ({@code [y_i, 0]}), so the first k pairs are tokens 0 … 2k − 1
 * ({@link #tokensOfPrefix}); a probe for prefix k reads those tokens and no later one.
 *
 * @param episodes episodes N, at least 1
 * @param tokens tokens per episode T, at least 2
 * @param hidden hidden width H, at least 1
 * @param values row-major values, shape [N, T, H]
 */
public record LayerStates(int episodes, int tokens, int hidden, float[] values) {

    /**
     * Validates the shape.
     *
     * @param episodes episodes N, at least 1
     * @param tokens tokens per episode T, at least 2
     * @param hidden hidden width H, at least 1
     * @param values row-major values, shape [N, T, H]
     */
    public LayerStates {
        requireNonNull(values, "values is null");
        if (episodes < 1 || tokens < 2 || hidden < 1 || values.length != (long) episodes * tokens * hidden) {
            throw new IllegalArgumentException("layer states of shape [" + episodes + ", " + tokens + ", " + hidden
                    + "] need episodes >= 1, tokens >= 2, hidden >= 1 and " + ((long) episodes * tokens * hidden)
                    + " values, found " + values.length);
        }
    }

    /**
     * @param pairs k, at least 1
     * @return the number of tokens of the first k pairs, 2k
     */
    public static int tokensOfPrefix(int pairs) {
        return 2 * pairs;
    }

    /** @return the number of prefixes k = 1 … T/2 whose tokens all lie in these states */
    public int prefixes() {
        return tokens / 2;
    }

    /**
     * @param episode the episode
     * @param token the token position
     * @return offset of that state vector in {@link #values()}
     */
    public int offset(int episode, int token) {
        return (episode * tokens + token) * hidden;
    }
}
