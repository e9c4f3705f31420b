package dev.conveyor.bench;

import java.util.Arrays;

/** p50/p95/p99/max of a set of durations, in milliseconds. */
record Percentiles(long count, double p50, double p95, double p99, double max) {

    static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** @param micros durations in microseconds; sorted in place */
    static Percentiles ofMicros(long[] micros) {
        if (micros.length == 0) {
            return NONE;
        }
        Arrays.sort(micros);
        return new Percentiles(micros.length, at(micros, 0.50), at(micros, 0.95), at(micros, 0.99),
                micros[micros.length - 1] / 1000.0);
    }

    /** Nearest rank: the smallest value with at least that share of values at or below it. */
    private static double at(long[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }

    String format() {
        return count == 0 ? "n/a" : "%s / %s / %s ms".formatted(ms(p50), ms(p95), ms(p99));
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? "%.0f".formatted(value) : value >= 10 ? "%.1f".formatted(value) : "%.2f".formatted(value);
    }
}
