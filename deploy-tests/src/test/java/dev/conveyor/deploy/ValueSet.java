package dev.conveyor.deploy;

/** The values files under helm/conveyor/ci/ the chart is checked with, and its defaults. */
enum ValueSet {
    DEFAULTS(null),
    KEDA_SCALE_TO_ZERO("ci/keda-scale-to-zero-values.yaml"),
    FIXED_REPLICAS("ci/fixed-replicas-values.yaml"),
    EXTERNAL_INFRASTRUCTURE("ci/external-infra-values.yaml");

    private final String file;

    ValueSet(String file) {
        this.file = file;
    }

    /** The values file relative to the chart, or null for the chart's defaults alone. */
    String file() {
        return file;
    }
}
