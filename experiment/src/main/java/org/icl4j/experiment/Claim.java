package org.icl4j.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A claim of the paper encoded as data in a spec, checked from the runs' results. */
sealed interface Claim {
    /** @return the claim's id, unique in its spec */
    String id();

    /** @return the claim in words */
    String statement();

    /** @return the scales the claim is meant to be checked at */
    List<Scale> scales();

    /** How one run's series becomes a number: the entries {@code k} of {@code metric}, reduced. */
    record Quantity(String metric, IndexRange k, Reduce reduce) {
    }

    /** How the selected entries of a series become one number. */
    enum Reduce {
        MEAN, MIN, MAX;

        double apply(double[] values, int from, int to) {
            double result = this == MEAN ? 0 : this == MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                result = switch (this) {
                    case MEAN -> result + values[i];
                    case MIN -> Math.min(result, values[i]);
                    case MAX -> Math.max(result, values[i]);
                };
            }
            return this == MEAN ? result / (to - from) : result;
        }
    }

    /**
     * One side of a comparison: a constant, or a quantity of the runs of {@code stage} (the claim's stage when
     * empty) that match {@code where}.
     */
    record Side(Optional<Double> constant, Optional<String> stage, Settings where, Optional<Quantity> quantity) {
    }

    /** Comparison operators. */
    enum Operator {
        LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        boolean test(double left, double right) {
            return switch (this) {
                case LESS -> left < right;
                case LESS_OR_EQUAL -> left <= right;
                case GREATER -> left > right;
                case GREATER_OR_EQUAL -> left >= right;
            };
        }

        static List<String> symbols() {
            return List.of("<", "<=", ">", ">=");
        }

        static Operator of(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /**
     * {@code left op right} for every point (the runs of {@code stage} matching {@code where}, grouped by their
     * axis values, averaged over seeds); with {@code any}, for at least one point in every group of {@code per}.
     */
    record Compare(String id, String statement, List<Scale> scales, String stage, Settings where, Side left,
                   Operator operator, Side right, boolean any, List<String> per) implements Claim {
    }

    /**
     * For every point matched by an expectation, the candidate whose quantity (averaged over seeds) is smallest is
     * the expected one.
     */
    record Nearest(String id, String statement, List<Scale> scales, String stage, Map<String, String> among,
                   IndexRange k, Reduce reduce, List<Expectation> expect) implements Claim {
    }

    /** Points whose variables match {@code where} are expected to be nearest to candidate {@code is}. */
    record Expectation(Settings where, String is) {
    }
}
