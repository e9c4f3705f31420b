package dev.conveyor.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void admin_holds_every_role() {
        Caller admin = new Caller(null, "admin", "t", Set.of(Role.ADMIN));

        assertThat(admin.roles()).containsExactlyInAnyOrder(Role.values());
    }

    @Test
    void other_roles_hold_only_themselves() {
        Caller reader = new Caller(null, "reader", "t", Set.of(Role.READ));

        assertThat(reader.has(Role.READ)).isTrue();
        for (Role role : EnumSet.complementOf(EnumSet.of(Role.READ))) {
            assertThat(reader.has(role)).as(role.name()).isFalse();
        }
        assertThat(new Caller(null, "none", "t", Set.of()).roles()).isEmpty();
    }

    @Test
    void reads_roles_by_their_lower_case_names_only() {
        assertThat(Role.of("operate")).hasValue(Role.OPERATE);
        assertThat(Role.of("sql")).hasValue(Role.SQL);
        assertThat(Role.of("OPERATE")).isEmpty();
        assertThat(Role.of("root")).isEmpty();
        assertThat(Role.names()).containsExactly("submit", "read", "operate", "sql", "admin");
    }
}
