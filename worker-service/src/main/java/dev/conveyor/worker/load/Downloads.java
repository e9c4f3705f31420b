package dev.conveyor.worker.load;

import dev.conveyor.common.net.UrlPolicy;
import dev.conveyor.worker.handler.NonRetryableJobException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches a load's http(s) source into a file under the {@link UrlPolicy}: every URL, including each
 * redirect's target, is checked before it is requested (the client follows no redirect itself), the
 * body is cut off at the size limit, and errors name the URL without its query, which may hold a
 * presigned token.
 */
final class Downloads {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private final UrlPolicy policy;
    private final long maxBytes;
    private final Duration timeout;

    Downloads(UrlPolicy policy, long maxBytes, Duration timeout) {
        this.policy = policy;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** Throws {@link NonRetryableJobException} naming {@code params.source} when the policy refuses the URL. */
    void check(URI uri) {
        policy.refusal(uri).ifPresent(refusal -> {
            throw new NonRetryableJobException("params.source " + UrlPolicy.redacted(uri) + " is not allowed: " + refusal);
        });
    }

    /** Downloads {@code uri} into {@code file}; an HTTP 4xx fails for good, a 5xx or an I/O error may be retried. */
    void fetch(URI uri, Path file) throws IOException, InterruptedException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            check(current);
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(current).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                    if (redirects == MAX_REDIRECTS) {
                        throw new NonRetryableJobException("params.source: more than " + MAX_REDIRECTS
                                + " redirects from " + UrlPolicy.redacted(uri));
                    }
                    current = current.resolve(response.headers().firstValue("Location").get());
                    continue;
                }
                if (status >= 400 && status < 500) {
                    throw new NonRetryableJobException("params.source: GET " + UrlPolicy.redacted(current)
                            + " answered HTTP " + status);
                }
                if (status < 200 || status >= 300) {
                    throw new IOException("GET " + UrlPolicy.redacted(current) + " answered HTTP " + status);
                }
                copyAtMost(body, file, current);
                return;
            }
        }
    }

    private void copyAtMost(InputStream body, Path file, URI from) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int read; (read = body.read(buffer)) >= 0; ) {
                total += read;
                if (total > maxBytes) {
                    throw new NonRetryableJobException("params.source: " + UrlPolicy.redacted(from)
                            + " is larger than the download limit of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, read);
            }
        }
    }
}
