package dev.conveyor.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each tenant's webhook signing secret: made on first use, replaced on rotation. */
public class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    public WebhookSecrets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The tenant's secret, made now if it has none (of two concurrent first uses, one secret wins). */
    public String secretFor(String tenant) {
        jdbc.sql("""
                        INSERT INTO conveyor.webhook_secret (tenant, secret, created_at) VALUES (:tenant, :secret, :now)
                        ON CONFLICT (tenant) DO NOTHING
                        """)
                .param("tenant", tenant)
                .param("secret", newSecret())
                .param("now", Timestamps.of(clock.instant()))
                .update();
        return jdbc.sql("SELECT secret FROM conveyor.webhook_secret WHERE tenant = :tenant")
                .param("tenant", tenant).query(String.class).single();
    }

    /** Replaces the tenant's secret; deliveries signed from now on use the new one. */
    public String rotate(String tenant) {
        String secret = newSecret();
        jdbc.sql("""
                        INSERT INTO conveyor.webhook_secret (tenant, secret, created_at) VALUES (:tenant, :secret, :now)
                        ON CONFLICT (tenant) DO UPDATE SET secret = EXCLUDED.secret, created_at = EXCLUDED.created_at
                        """)
                .param("tenant", tenant)
                .param("secret", secret)
                .param("now", Timestamps.of(clock.instant()))
                .update();
        return secret;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }
}
