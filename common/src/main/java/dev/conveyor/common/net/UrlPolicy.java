package dev.conveyor.common.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URLs Conveyor may fetch or call on a caller's behalf (a {@code load} source, later a webhook):
 * the schemes, optionally a list of hosts, and never loopback, link-local (cloud metadata), private or
 * other internal addresses unless explicitly allowed, because a job's params are written by whoever
 * can submit jobs, not by whoever runs the workers.
 *
 * @param schemes lower-case schemes, e.g. {@code https}
 * @param hosts host names allowed; empty allows every host with a public address. {@code *.example.com}
 *        allows the subdomains of {@code example.com}
 * @param allowPrivateAddresses whether hosts may resolve to loopback, link-local, private, shared or
 *        unique-local addresses (for a warehouse's own network, or tests)
 */
public record UrlPolicy(Set<String> schemes, List<String> hosts, boolean allowPrivateAddresses) {

    public UrlPolicy {
        // an element may still hold a comma-separated list: a @DefaultValue("https,http") of a record's List is
        // bound as one element
        schemes = schemes.stream().flatMap(UrlPolicy::split).collect(java.util.stream.Collectors.toUnmodifiableSet());
        hosts = hosts.stream().flatMap(UrlPolicy::split).toList();
    }

    private static java.util.stream.Stream<String> split(String names) {
        return java.util.Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT));
    }

    /** Why {@code uri} may not be fetched, or empty when it may; resolves the host to check its addresses. */
    public Optional<String> refusal(URI uri) {
        return refusal(uri, UnknownHost.REFUSED);
    }

    /**
     * As {@link #refusal(URI)}, except that a host this machine cannot resolve passes: the API checks a URL when a
     * job is submitted, but the worker that fetches it may be on a network that knows the host, and checks again.
     */
    public Optional<String> refusalAtSubmission(URI uri) {
        return refusal(uri, UnknownHost.PASSES);
    }

    private enum UnknownHost { REFUSED, PASSES }

    private Optional<String> refusal(URI uri, UnknownHost unknownHost) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return Optional.of("scheme '" + scheme + "' is not allowed (allowed: " + String.join(", ",
                    schemes.stream().sorted().toList()) + ")");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("the URL has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (!hosts.isEmpty() && hosts.stream().noneMatch(hostAllowed(host)::test)) {
            return Optional.of("host " + host + " is not in the allowed hosts");
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return unknownHost == UnknownHost.PASSES ? Optional.empty() : Optional.of("host " + host + " is not known");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("host " + host + " has the internal address " + address.getHostAddress()
                        + " (loopback, link-local, private and metadata addresses are not allowed)");
            }
        }
        return Optional.empty();
    }

    /** The URL as it may appear in errors and logs: no user info, query or fragment (they may hold tokens). */
    public static String redacted(URI uri) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            text.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            text.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        return text.toString();
    }

    private static java.util.function.Predicate<String> hostAllowed(String host) {
        return allowed -> allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed);
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 // "this network"
                || (first == 100 && second >= 64 && second < 128) // shared address space (carrier-grade NAT)
                || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                || (first == 198 && (second == 18 || second == 19)); // benchmarking
    }
}
