package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

    @Test
    void generates_prefixed_keys_of_256_random_bits() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String key = ApiKeySecrets.generate();
            assertThat(key).startsWith("cvk_").matches("cvk_[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(key.substring(4))).hasSize(32);
            keys.add(key);
        }
        assertThat(keys).hasSize(1_000);
    }

    @Test
    void hashes_with_sha_256_so_equal_keys_match_and_different_ones_do_not() {
        String key = ApiKeySecrets.generate();

        assertThat(ApiKeySecrets.hash(key)).hasSize(32).isEqualTo(ApiKeySecrets.hash(key));
        assertThat(ApiKeySecrets.hash(key)).isNotEqualTo(ApiKeySecrets.hash(key + "x"));
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(java.util.HexFormat.of().formatHex(ApiKeySecrets.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
