package dev.conveyor.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPolicyTest {

    private static final UrlPolicy PUBLIC_HTTP = new UrlPolicy(Set.of("https", "HTTP"), List.of(), false);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1:8080/x.csv                  | internal address 127.0.0.1
            http://localhost/x.csv                       | internal address
            http://169.254.169.254/latest/meta-data/     | internal address 169.254.169.254
            http://10.1.2.3/x.csv                        | internal address 10.1.2.3
            http://172.16.0.9/x.csv                      | internal address 172.16.0.9
            http://192.168.1.1/x.csv                     | internal address 192.168.1.1
            http://100.64.0.1/x.csv                      | internal address 100.64.0.1
            http://0.0.0.0/x.csv                         | internal address 0.0.0.0
            http://[::1]/x.csv                           | internal address
            http://[fd00::1]/x.csv                       | internal address
            http://[fe80::1]/x.csv                       | internal address
            http://[::ffff:127.0.0.1]/x.csv              | internal address 127.0.0.1
            file:///etc/passwd                           | scheme 'file' is not allowed
            ftp://8.8.8.8/x.csv                          | scheme 'ftp' is not allowed
            http:/x.csv                                  | no host
            """)
    void refusesInternalAddressesAndOtherSchemes(String url, String reason) {
        assertThat(PUBLIC_HTTP.refusal(URI.create(url))).hasValueSatisfying(
                refusal -> assertThat(refusal).contains(reason));
    }

    @Test
    void allowsPublicAddressesAndWhatItIsToldToAllow() {
        assertThat(PUBLIC_HTTP.refusal(URI.create("https://8.8.8.8/data.csv"))).isEmpty();
        assertThat(new UrlPolicy(Set.of("http"), List.of(), true).refusal(URI.create("http://127.0.0.1/x")))
                .isEmpty();
    }

    @Test
    void limitsHostsToTheListWhenOneIsGiven() {
        UrlPolicy listed = new UrlPolicy(Set.of("https"), List.of("data.example.com", "*.files.example.org"), true);

        assertThat(listed.refusal(URI.create("https://data.example.com/a.csv"))).isEmpty();
        assertThat(listed.refusal(URI.create("https://eu.files.example.org/a.csv"))).isEmpty();
        assertThat(listed.refusal(URI.create("https://files.example.org.evil.test/a.csv")))
                .hasValueSatisfying(refusal -> assertThat(refusal).contains("not in the allowed hosts"));
        assertThat(listed.refusal(URI.create("https://example.com/a.csv"))).isPresent();
    }

    @Test
    void redactsUserInfoQueryAndFragment() {
        assertThat(UrlPolicy.redacted(URI.create("https://user:secret@bucket.example.com:8443/a/b.csv?X-Amz-Signature=abc#top")))
                .isEqualTo("https://bucket.example.com:8443/a/b.csv");
    }

    @Test
    void at_submission_an_unknown_host_passes_but_internal_ones_and_bad_schemes_do_not() {
        URI unknown = URI.create("https://no-such-host.invalid/x.csv");

        assertThat(PUBLIC_HTTP.refusal(unknown)).hasValueSatisfying(refusal -> assertThat(refusal).contains("not known"));
        assertThat(PUBLIC_HTTP.refusalAtSubmission(unknown)).isEmpty();
        assertThat(PUBLIC_HTTP.refusalAtSubmission(URI.create("http://localhost/x.csv"))).isPresent();
        assertThat(PUBLIC_HTTP.refusalAtSubmission(URI.create("http://169.254.169.254/latest/"))).isPresent();
        assertThat(PUBLIC_HTTP.refusalAtSubmission(URI.create("gopher://8.8.8.8/"))).isPresent();
    }

    @Test
    void a_comma_separated_element_counts_as_its_names() {
        UrlPolicy policy = new UrlPolicy(Set.of("https,HTTP"), List.of("a.example.com, *.example.org"), true);

        assertThat(policy.schemes()).containsExactlyInAnyOrder("https", "http");
        assertThat(policy.hosts()).containsExactly("a.example.com", "*.example.org");
        assertThat(policy.refusal(URI.create("http://a.example.com/x.csv"))).isEmpty();
    }
}
