package dev.conveyor.frontend.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses API request bodies over {@code conveyor.frontend.max-request-size} with a 413
 * ({@code max-manifest-request-size} for {@code POST /api/v1/manifests} and
 * {@code submission.max-batch-request-size} for {@code POST /api/v1/jobs/batch}, whose bodies carry up
 * to 1,000 jobs). The Content-Length header is only a hint (chunked requests have none, and a client may lie), so the
 * filter reads at most limit + 1 bytes of the real body and hands the buffered bytes on. Buffering
 * is cheap at this size and means the JSON parser can never stop early and miss trailing bytes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final String MANIFESTS_PATH = "/api/v1/manifests";
    static final String JOB_BATCH_PATH = "/api/v1/jobs/batch";

    private final long requestLimit;
    private final long manifestLimit;
    private final long jobBatchLimit;
    private final JsonMapper mapper;

    RequestBodyLimitFilter(FrontendProperties properties, JsonMapper mapper) {
        this.requestLimit = properties.maxRequestSize().toBytes();
        this.manifestLimit = properties.maxManifestRequestSize().toBytes();
        this.jobBatchLimit = properties.submission().maxBatchRequestSize().toBytes();
        this.mapper = mapper;
    }

    private long limitFor(HttpServletRequest request) {
        // only the submission itself: cancel and other actions under /api/v1/manifests/{id} carry no body
        String uri = request.getRequestURI();
        if (uri.equals(MANIFESTS_PATH) || uri.equals(MANIFESTS_PATH + "/")) {
            return manifestLimit;
        }
        if (uri.equals(JOB_BATCH_PATH) || uri.equals(JOB_BATCH_PATH + "/")) {
            return jobBatchLimit;
        }
        return requestLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean hasBody = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
        return !hasBody || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(request, response, limit);
            return;
        }
        // a declared length bounds what the connector delivers, so asking for one byte more reads the whole body
        // into a buffer of its size (readNBytes sizes its first buffer by the request: 16 kB for a 200-byte job)
        long wanted = declared >= 0 ? declared + 1 : limit + 1;
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, wanted));
        if (body.length > limit) {
            tooLarge(request, response, limit);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.CONTENT_TOO_LARGE.getReasonPhrase());
        problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
        problem.put("detail", "The request body exceeds " + limit + " bytes");
        problem.put("instance", request.getRequestURI());
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(mapper.writeValueAsBytes(problem));
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
