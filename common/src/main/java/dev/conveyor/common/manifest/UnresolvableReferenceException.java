package dev.conveyor.common.manifest;

/**
 * A {@code ${jobs.<key>.result.<field>}} reference in a job's params that cannot be resolved: the job it
 * names is not in the manifest, has no result, or its result lacks the field. The job then fails
 * without running, with this message as its error.
 */
public class UnresolvableReferenceException extends RuntimeException {

    public UnresolvableReferenceException(String reference, String reason) {
        super("cannot resolve " + reference + ": " + reason);
    }
}
