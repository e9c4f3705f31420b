package dev.conveyor.common.manifest;

/** A manifest that cannot be accepted; {@code field} names where the problem is. */
public class InvalidManifestException extends IllegalArgumentException {

    private final String field;

    public InvalidManifestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
