package dev.conveyor.worker.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The pod this worker runs in, as the Kubernetes API serves it: one merge-patch of its annotations with the
 * pod's own service-account token, over TLS checked against the cluster's CA (plain {@code http} only when
 * {@code api-server} names such a URL, e.g. {@code kubectl proxy}).
 */
final class OwnPod {

    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private final HttpClient http;
    private final URI uri;
    private final Path tokenFile;
    private final Duration timeout;

    private OwnPod(HttpClient http, URI uri, Path tokenFile, Duration timeout) {
        this.http = http;
        this.uri = uri;
        this.tokenFile = tokenFile;
        this.timeout = timeout;
    }

    /**
     * The pod named by the properties, else by what Kubernetes gives every pod ({@code environment} is the
     * process environment).
     *
     * @throws IllegalStateException when the pod, its namespace or the API server cannot be told
     */
    static OwnPod locate(PodDeletionCostProperties properties, Map<String, String> environment) {
        Path account = properties.serviceAccountDirectory();
        String name = firstOf(properties.podName(), environment.get("POD_NAME"), null);
        String namespace = firstOf(properties.namespace(), environment.get("POD_NAMESPACE"),
                account.resolve("namespace"));
        if (name == null || namespace == null) {
            throw new IllegalStateException("the pod's name and namespace are unknown: set POD_NAME and"
                    + " POD_NAMESPACE from the downward API");
        }
        URI server = properties.apiServer() != null ? properties.apiServer() : inClusterServer(environment);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout());
        if ("https".equalsIgnoreCase(server.getScheme())) {
            http.sslContext(trusting(account.resolve("ca.crt")));
        }
        String base = server.toString().replaceAll("/+$", "");
        URI pod = URI.create(base + "/api/v1/namespaces/" + namespace + "/pods/" + name);
        return new OwnPod(http.build(), pod, account.resolve("token"), properties.requestTimeout());
    }

    URI uri() {
        return uri;
    }

    /** Sets the annotation; throws when the API server cannot be reached or refuses. */
    void setDeletionCost(int cost) throws IOException, InterruptedException {
        String patch = "{\"metadata\":{\"annotations\":{\"" + DELETION_COST + "\":\"" + cost + "\"}}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/merge-patch+json")
                .header("Accept", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch));
        // read on every call: projected service-account tokens are rotated by the kubelet
        if (Files.isReadable(tokenFile)) {
            request.header("Authorization", "Bearer " + Files.readString(tokenFile).strip());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new IOException("PATCH " + uri + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(body.length(), 300)));
        }
    }

    private static URI inClusterServer(Map<String, String> environment) {
        String host = environment.get("KUBERNETES_SERVICE_HOST");
        String port = environment.get("KUBERNETES_SERVICE_PORT");
        if (host == null || port == null) {
            throw new IllegalStateException("not in a Kubernetes pod (no KUBERNETES_SERVICE_HOST) and no api-server set");
        }
        // an IPv6 service address needs brackets in a URL
        return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    private static String firstOf(String configured, String fromEnvironment, Path file) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return file != null && Files.isReadable(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream pem = new ByteArrayInputStream(Files.readAllBytes(caFile))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("kubernetes-ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the cluster's CA from " + caFile + ": " + e.getMessage(), e);
        }
    }
}
