package dev.conveyor.frontend.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViolationProblemsTest {

    record Outer(@NotBlank(message = "is required") String name, List<@NotNull(message = "is required") @Valid Inner> items) {
    }

    record Inner(@Min(value = 1, message = "too small") int size,
            Map<@NotBlank(message = "blank key") String, @NotNull(message = "must be a string") String> labels,
            @NotBlank(message = "is required") String type) {
    }

    @Test
    void names_list_elements_by_index_and_map_values_by_key() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", null);
        Outer body = new Outer("ok", Arrays.asList(new Inner(1, labels, "t"), null));

        assertThat(ValidatedBodies.problems(body)).containsExactly(
                new FieldProblem("items[0].labels.team", "must be a string"),
                new FieldProblem("items[1]", "is required"));
    }

    @Test
    void names_the_map_itself_for_a_bad_key() {
        Outer body = new Outer("ok", List.of(new Inner(1, Map.of(" ", "x"), "t")));

        assertThat(ValidatedBodies.problems(body)).containsExactly(new FieldProblem("items[0].labels", "blank key"));
    }

    @Test
    void orders_problems_as_the_request_declares_its_fields_and_elements_by_index() {
        List<Inner> items = Arrays.asList(new Inner(1, null, "t"), new Inner(1, null, "t"), new Inner(1, null, "t"),
                new Inner(1, null, "t"), new Inner(1, null, "t"), new Inner(1, null, "t"), new Inner(1, null, "t"),
                new Inner(1, null, "t"), new Inner(1, null, "t"), new Inner(1, null, "t"), new Inner(0, null, null),
                new Inner(0, null, null));
        items.set(2, new Inner(0, null, " "));

        for (int run = 0; run < 20; run++) {
            assertThat(ValidatedBodies.problems(new Outer(null, items))).extracting(FieldProblem::field).containsExactly(
                    "name", "items[2].size", "items[2].type", "items[10].size", "items[10].type", "items[11].size",
                    "items[11].type");
        }
    }

    record Unsorted(@NotBlank(message = "is required") String zeta, @NotBlank(message = "is required") String alpha) {
    }

    @Test
    void keeps_the_declaration_order_rather_than_the_alphabet() {
        assertThat(ValidatedBodies.problems(new Unsorted(null, null))).extracting(FieldProblem::field)
                .containsExactly("zeta", "alpha");
    }

    @Test
    void finds_nothing_in_a_valid_body() {
        assertThat(ValidatedBodies.problems(new Outer("ok", List.of(new Inner(3, Map.of("a", "b"), "t"))))).isEmpty();
    }
}
