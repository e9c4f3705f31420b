package dev.conveyor.worker.handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads params schemas kept as classpath resources next to their handlers. */
public final class Schemas {

    private Schemas() {
    }

    /** @param resource an absolute classpath location such as {@code /dev/conveyor/worker/handler/sql.schema.json} */
    public static String load(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No schema at " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + resource, e);
        }
    }
}
