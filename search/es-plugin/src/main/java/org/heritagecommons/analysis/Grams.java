package org.heritagecommons.analysis;

import java.util.Locale;

/** Checks shared by the n-gram factories, so a bad definition fails when the index is created. */
final class Grams {
    private Grams() {}

    static void check(String component, int minGram, int maxGram) {
        if (minGram < 1) {
            throw new IllegalArgumentException(
                String.format(Locale.ROOT, "[%s] min_gram must be at least 1, got [%d]", component, minGram));
        }
        if (maxGram < minGram) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "[%s] max_gram [%d] must not be smaller than min_gram [%d]", component, maxGram, minGram));
        }
    }

    /** True for "back", false for "front"; anything else is refused. */
    static boolean isBack(String component, String side) {
        String value = side == null ? "front" : side.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "front" -> false;
            case "back" -> true;
            default -> throw new IllegalArgumentException(String.format(Locale.ROOT,
                "[%s] side must be \"front\" or \"back\", got [%s]", component, side));
        };
    }
}
