package dev.conveyor.worker.handler;

/** The job failed in a way another attempt cannot fix (bad params, a failed data check): it fails for good. */
public class NonRetryableJobException extends RuntimeException {

    public NonRetryableJobException(String message) {
        super(message);
    }

    public NonRetryableJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
