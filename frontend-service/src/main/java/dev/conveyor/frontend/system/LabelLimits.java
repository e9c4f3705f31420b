package dev.conveyor.frontend.system;

/**
 * How many labels a job or manifest may carry and how long each may be: labels are stored with every job and
 * returned on every read, so one request must not be able to make every later read of its jobs large.
 */
public final class LabelLimits {

    public static final int MAX_COUNT = 64;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 1024;
    public static final String TOO_MANY = "must hold at most " + MAX_COUNT + " labels";
    public static final String KEY_TOO_LONG = "keys must be at most " + MAX_KEY_LENGTH + " characters";
    public static final String VALUE_TOO_LONG = "must be at most " + MAX_VALUE_LENGTH + " characters";

    private LabelLimits() {
    }
}
