package dev.conveyor.frontend.system;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.ResolvableType;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * The problems of a request body that failed Bean Validation ({@code @Valid}), each named the way the client wrote
 * the field: {@code maxAttempts}, {@code jobs[3].timeout}, {@code labels.team}. Bean Validation reports them in no
 * particular order; here they come in the order the request records declare their fields, list elements by index,
 * so a client reads them top to bottom and the same request always gets the same answer.
 */
final class ViolationProblems {

    private static final String MAP_KEY = "<map key>";

    /** A problem and where its field sits in the request: component ordinals and list indices, outermost first. */
    private record Located(List<Integer> position, FieldProblem problem) {
    }

    private static final Comparator<Located> REQUEST_ORDER = ((Comparator<Located>) (a, b) -> {
        for (int i = 0; i < Math.min(a.position().size(), b.position().size()); i++) {
            int order = Integer.compare(a.position().get(i), b.position().get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.position().size(), b.position().size());
    }).thenComparing(located -> located.problem().field());

    private ViolationProblems() {
    }

    static List<FieldProblem> of(BindingResult result) {
        Object target = result.getTarget();
        ResolvableType root = target == null ? ResolvableType.NONE : ResolvableType.forClass(target.getClass());
        List<Located> located = new ArrayList<>();
        for (FieldError error : result.getFieldErrors()) {
            located.add(error.contains(ConstraintViolation.class)
                    ? locate(root, error.unwrap(ConstraintViolation.class).getPropertyPath(), error.getDefaultMessage())
                    : new Located(List.of(Integer.MAX_VALUE), new FieldProblem(error.getField(),
                            error.getDefaultMessage())));
        }
        located.sort(REQUEST_ORDER);
        List<FieldProblem> problems = new ArrayList<>(located.stream().map(Located::problem).toList());
        result.getGlobalErrors().forEach(error ->
                problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return problems;
    }

    private static Located locate(ResolvableType root, Path path, String message) {
        StringBuilder field = new StringBuilder();
        List<Integer> position = new ArrayList<>();
        ResolvableType type = root;
        for (Path.Node node : path) {
            // a node inside the container the node before it named: a list element, or a map value named by its key
            // (a problem with a map's key names the map itself)
            if (node.isInIterable() && !MAP_KEY.equals(node.getName())) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                    position.add(node.getIndex());
                    type = type.asCollection().getGeneric();
                } else if (node.getKey() != null) {
                    field.append('.').append(node.getKey());
                    type = type.asMap().getGeneric(1);
                }
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
                RecordComponent[] components = components(type);
                int ordinal = ordinal(components, node.getName());
                position.add(ordinal < 0 ? Integer.MAX_VALUE : ordinal);
                type = ordinal < 0 ? ResolvableType.NONE
                        : ResolvableType.forMethodReturnType(components[ordinal].getAccessor());
            }
        }
        return new Located(position, new FieldProblem(field.toString(), message));
    }

    private static RecordComponent[] components(ResolvableType type) {
        Class<?> resolved = type.resolve();
        RecordComponent[] components = resolved == null ? null : resolved.getRecordComponents();
        return components == null ? new RecordComponent[0] : components;
    }

    /** The position of the component named {@code name} in its record's declaration, or -1. */
    private static int ordinal(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
