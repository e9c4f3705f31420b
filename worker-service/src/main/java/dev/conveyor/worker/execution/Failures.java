package dev.conveyor.worker.execution;

import dev.conveyor.worker.handler.NonRetryableJobException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.dao.DataAccessException;

/**
 * Turns a handler's exception into the one-line error stored on the job: the simple class name and
 * first line of the message of the exception that says what went wrong, never a stack trace.
 */
public final class Failures {

    static final int MAX_LENGTH = 1000;

    private Failures() {
    }

    public static String describe(Throwable failure) {
        Throwable cause = mostSpecific(failure);
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName();
        if (message != null && !message.isBlank()) {
            text += ": " + message.strip().lines().findFirst().orElse("").strip();
        }
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }

    public static boolean isRetryable(Throwable failure) {
        return !(failure instanceof NonRetryableJobException);
    }

    /** Skips wrappers whose own message only repeats (or buries) their cause's. */
    private static Throwable mostSpecific(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 10 && current.getCause() != null && isWrapper(current); depth++) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isWrapper(Throwable failure) {
        return failure instanceof NonRetryableJobException
                || failure instanceof DataAccessException
                || failure instanceof ExecutionException
                || failure instanceof CompletionException
                || failure instanceof InvocationTargetException
                || failure instanceof UncheckedIOException
                || (failure instanceof SQLException && failure.getCause() instanceof SQLException);
    }
}
