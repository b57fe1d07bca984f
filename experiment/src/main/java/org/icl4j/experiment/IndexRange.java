package org.icl4j.experiment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which entries of a result series a claim reads: {@code all}, {@code last}, a single index {@code 3}, or a
 * bound {@code >=d}, {@code >d}, {@code <d}, {@code <=d}, {@code 2..d} (both ends included); a bound is a whole
 * number or the name of a variable of the run (such as {@code d}). For per-prefix metrics the index is k.
 *
 * @param text the expression as written
 */
record IndexRange(String text) {
    private static final String BOUND = "(\\d+|[A-Za-z][A-Za-z0-9_]*)";
    private static final Pattern FORM = Pattern.compile("all|last|(>=|>|<=|<)?\\s*" + BOUND + "|" + BOUND + "\\s*\\.\\.\\s*" + BOUND);
    static final String RULE = "allowed: all, last, N, >=N, >N, <N, <=N or N..M, where N and M are whole numbers or variable names such as d";

    IndexRange {
        if (!FORM.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an index range; " + RULE);
        }
        text = text.trim();
    }

    /** @return the variable names the bounds use */
    java.util.List<String> variables() {
        Matcher matcher = FORM.matcher(text);
        matcher.matches();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int group = 2; group <= matcher.groupCount(); group++) {
            String bound = matcher.group(group);
            if (bound != null && !bound.matches("\\d+")) {
                names.add(bound);
            }
        }
        return names;
    }

    /**
     * @param length the series' length
     * @param variables the run's variables, for named bounds
     * @return the first and one-past-last selected index, clipped to the series; empty when {@code from >= to}
     */
    int[] select(int length, Settings variables) {
        if (text.equals("all")) {
            return new int[] {0, length};
        }
        if (text.equals("last")) {
            return new int[] {Math.max(0, length - 1), length};
        }
        Matcher matcher = FORM.matcher(text);
        matcher.matches();
        if (matcher.group(4) != null) {
            int from = bound(matcher.group(3), variables);
            int to = bound(matcher.group(4), variables) + 1;
            return clip(from, to, length);
        }
        int value = bound(matcher.group(2), variables);
        String operator = matcher.group(1);
        if (operator == null) {
            return clip(value, value + 1, length);
        }
        return switch (operator) {
            case ">=" -> clip(value, length, length);
            case ">" -> clip(value + 1, length, length);
            case "<" -> clip(0, value, length);
            default -> clip(0, value + 1, length);
        };
    }

    private static int[] clip(int from, int to, int length) {
        int start = Math.max(0, Math.min(from, length));
        return new int[] {start, Math.max(start, Math.min(to, length))};
    }

    private static int bound(String bound, Settings variables) {
        if (bound.matches("\\d+")) {
            return Integer.parseInt(bound);
        }
        return Math.toIntExact(variables.integer(bound));
    }
}
