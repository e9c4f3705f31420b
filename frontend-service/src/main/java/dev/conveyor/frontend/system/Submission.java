package dev.conveyor.frontend.system;

import org.springframework.http.HttpStatus;

/**
 * What a submission answers: what is stored, and whether this request stored it or repeated an earlier request
 * with the same Idempotency-Key.
 */
public record Submission<T>(T result, Outcome outcome) {

    public enum Outcome {
        /** This request stored it: 202. */
        CREATED,
        /** An earlier request with the same Idempotency-Key and content stored it: 200 with the same answer. */
        REPLAYED
    }

    public static <T> Submission<T> created(T result) {
        return new Submission<>(result, Outcome.CREATED);
    }

    public static <T> Submission<T> replayed(T result) {
        return new Submission<>(result, Outcome.REPLAYED);
    }

    public HttpStatus status() {
        return outcome == Outcome.CREATED ? HttpStatus.ACCEPTED : HttpStatus.OK;
    }
}
