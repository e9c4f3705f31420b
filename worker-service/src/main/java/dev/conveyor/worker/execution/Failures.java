package dev.conveyor.worker.execution;

import dev.conveyor.worker.handler.NonRetryableJobException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Turns a handler's exception into the one-line error stored on the job: the simple class name and
 * first line of the message of the exception that says what went wrong, never a stack trace.
 */
public final class Failures {

    static final int MAX_LENGTH = 1000;
    /** DuckDB error kinds that say the statement itself is wrong, so it fails the same way every time. */
    private static final List<String> DUCKDB_PERMANENT =
            List.of("Parser Error", "Binder Error", "Catalog Error", "Conversion Error", "Permission Error");

    private Failures() {
    }

    public static String describe(Throwable failure) {
        if (failure instanceof NonRetryableJobException && failure.getCause() == null && failure.getMessage() != null) {
            // a message the handler wrote for the reader of the job, e.g. a check's summary
            return shorten(failure.getMessage().strip().lines().findFirst().orElse("").strip());
        }
        Throwable cause = mostSpecific(failure);
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName();
        if (message != null && !message.isBlank()) {
            text += ": " + message.strip().lines().findFirst().orElse("").strip();
        }
        return shorten(text);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }

    /**
     * False for failures another attempt would repeat: a {@link NonRetryableJobException}, or SQL the
     * database rejected as written (SQL state class 42, syntax or unknown object; 22, bad data; 23,
     * constraint violated). DuckDB reports such errors with no SQL state, so they are told apart by the
     * start of the message.
     */
    public static boolean isRetryable(Throwable failure) {
        if (failure instanceof NonRetryableJobException) {
            return false;
        }
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql && isPermanent(sql)) {
                return false;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return true;
    }

    private static boolean isPermanent(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null) {
            return state.startsWith("42") || state.startsWith("22") || state.startsWith("23");
        }
        String message = failure.getMessage();
        // the warehouse sandbox refuses files outside its directory and any change to its settings
        return message != null && (DUCKDB_PERMANENT.stream().anyMatch(message::startsWith)
                || message.contains("the configuration has been locked"));
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
                // "Could not open JDBC Connection": the connection's own failure says why
                || failure instanceof CannotCreateTransactionException
                || failure instanceof ExecutionException
                || failure instanceof CompletionException
                || failure instanceof InvocationTargetException
                || failure instanceof UncheckedIOException
                || (failure instanceof SQLException && failure.getCause() instanceof SQLException);
    }
}
