package org.icl4j.algorithms;

import java.util.List;

import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/**
 * Range checks for component parameters, with messages of one form: {@code "lambda must be >= 0, found -1.0"}.
 */
public final class ParameterChecks {

    private ParameterChecks() {
    }

    /**
     * @param name the parameter's name
     * @param value its value
     * @param minimum the smallest allowed value
     * @return value
     * @throws IllegalArgumentException when value &lt; minimum
     */
    public static double atLeast(String name, double value, double minimum) {
        if (!(value >= minimum)) {
            throw new IllegalArgumentException(name + " must be >= " + format(minimum) + ", found " + value);
        }
        return value;
    }

    /**
     * @param name the parameter's name
     * @param value its value
     * @param bound the exclusive lower bound
     * @return value
     * @throws IllegalArgumentException when value ≤ bound
     */
    public static double greaterThan(String name, double value, double bound) {
        if (!(value > bound)) {
            throw new IllegalArgumentException(name + " must be > " + format(bound) + ", found " + value);
        }
        return value;
    }

    /**
     * @param name the parameter's name
     * @param value its value
     * @param minimum the smallest allowed value
     * @return value
     * @throws IllegalArgumentException when value &lt; minimum
     */
    public static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", found " + value);
        }
        return value;
    }

    /**
     * @param name the parameter's name
     * @param value its value
     * @param minimum the smallest allowed value
     * @param maximum the largest allowed value
     * @return value
     * @throws IllegalArgumentException when value is outside [minimum, maximum]
     */
    public static double between(String name, double value, double minimum, double maximum) {
        if (!(value >= minimum && value <= maximum)) {
            throw new IllegalArgumentException(name + " must be in [" + format(minimum) + ", " + format(maximum)
                    + "], found " + value);
        }
        return value;
    }

    /**
     * Fails unless every key of {@code spec} is one of {@code parameters}' names.
     *
     * @param spec the spec to check
     * @param parameters the parameters the component accepts
     * @return spec
     */
    public static Spec known(Spec spec, List<Parameter> parameters) {
        return spec.requireKnownParameters(parameters.stream().map(Parameter::name).toList());
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
