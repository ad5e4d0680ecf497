package dev.runway.common.json;

import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

/**
 * Reads a JSON request body into a record and checks it with Bean Validation, so that one 400 names everything wrong
 * at once, each field as a JSON path into the body ({@code $.rules[0].level}): unknown fields, values of the wrong
 * JSON type, and constraint violations. Plain Jackson stops at the first wrong type and the common problem mapper
 * names fields by Java property path; APIs that promise "every wrong field, as a JSON path" read their bodies here.
 * <p>
 * A wrong-typed value is read as null and named once, with the message of the record component's
 * {@link TypeMessage} (or one chosen by its type); its constraints are not checked, so "is required" does not follow
 * "must be true or false". Components should therefore be of reference types (no {@code int}, no {@code boolean}).
 */
@ApplicationScoped
public class JsonBodies {
    private final ObjectMapper json;
    private final Validator validator;

    public JsonBodies(ObjectMapper json, Validator validator) {
        // A copy: the application's mapper stays lenient for everything else it reads.
        this.json = json.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(StrictScalars.module());
        this.validator = validator;
    }

    /** The body as a {@code type}, or a 400 naming every violation ("The {what} has 2 invalid field(s)."). */
    public <T> T read(String body, Class<T> type, String what) {
        return readAll(body, type, what).orThrow();
    }

    /**
     * The body as a {@code type} with every violation found so far, for a caller that checks rules across fields
     * before {@link Read#orThrow}. A body that is empty, not JSON or not an object is refused at once: there are no
     * fields to name; so is one Jackson could not turn into a {@code type} at all, so the value is never null.
     */
    public <T> Read<T> readAll(String body, Class<T> type, String what) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("The request body is empty; send a JSON object.",
                    List.of(new Problem.Violation("$", "expected a JSON object")));
        }
        Collector collector = new Collector(type);
        T value;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("The request body must be a JSON object.",
                        List.of(new Problem.Violation("$", "expected a JSON object")));
            }
            value = json.readerFor(type).withHandler(collector).readValue(parser);
        } catch (JsonMappingException e) {
            // What no handler callback covers (a coercion Jackson refuses outright): named by its path all the same.
            collector.add(pathOf(e.getPath()), "malformed or of the wrong type");
            throw new Read<>(null, collector.violations, what).invalid();
        } catch (JsonProcessingException e) {
            // Read-constraint violations (nesting depth, number length) carry no location.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException("The request body is not valid JSON.",
                    List.of(new Problem.Violation("$", "not valid JSON" + where)));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        if (value == null) {
            // The record's constructor refused what it was given; that is named, and there is nothing to validate.
            throw new Read<>(null, collector.violations, what).invalid();
        }
        List<Problem.Violation> checked = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(value)) {
            String field = jsonPath(v.getPropertyPath());
            if (!collector.mistyped(field)) {
                checked.add(new Problem.Violation(field, v.getMessage()));
            }
        }
        // Validator order is a hash set's; the response should not change from one call to the next.
        checked.sort(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message));
        collector.violations.addAll(checked);
        return new Read<>(value, collector.violations, what);
    }

    /**
     * A Bean Validation path as a JSON path into the validated value: {@code rules[0].level} is
     * {@code $.rules[0].level}, an element of {@code List<@Pattern String> appliesTo} is {@code $.appliesTo[1]}.
     * Method and parameter nodes (a validated resource method's body parameter) are left out.
     */
    public static String jsonPath(Path path) {
        return jsonPath((Iterable<Path.Node>) path);
    }

    /** As {@link #jsonPath(Path)}, for the nodes a caller keeps of a path. */
    public static String jsonPath(Iterable<Path.Node> nodes) {
        StringBuilder field = new StringBuilder("$");
        for (Path.Node node : nodes) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> {
                    continue;
                }
                default -> {
                }
            }
            if (node.isInIterable()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (at != null) {
                    field.append('[').append(at).append(']');
                }
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getKind() != ElementKind.BEAN
                    && node.getName() != null) {
                field.append('.').append(node.getName());
            }
        }
        return field.toString();
    }

    /** A read body: the value (null components where a value was unreadable) and what is wrong with it. */
    public static final class Read<T> {
        private final T value;
        private final List<Problem.Violation> violations;
        private final String what;

        Read(T value, List<Problem.Violation> violations, String what) {
            this.value = value;
            this.violations = violations;
            this.what = what;
        }

        /** The record as read, with null components where a value was missing or unreadable. */
        public T value() {
            return value;
        }

        public List<Problem.Violation> violations() {
            return List.copyOf(violations);
        }

        /** Whether {@code field} ({@code $.startedAt}) is already named, so a cross-field rule need not add to it. */
        public boolean named(String field) {
            return violations.stream().anyMatch(v -> v.field().equals(field));
        }

        /** Adds a violation of a rule across fields. */
        public Read<T> violation(String field, String message) {
            violations.add(new Problem.Violation(field, message));
            return this;
        }

        /** The value, or a 400 with every violation: "The {what} has N invalid field(s)." */
        public T orThrow() {
            if (!violations.isEmpty()) {
                throw invalid();
            }
            return value;
        }

        private InvalidInputException invalid() {
            return new InvalidInputException("The " + what + " has " + violations.size() + " invalid field(s).",
                    List.copyOf(violations));
        }
    }

    /** Records what Jackson could not read instead of failing, and reads null in its place. */
    private static final class Collector extends DeserializationProblemHandler {
        private final Class<?> root;
        final List<Problem.Violation> violations = new ArrayList<>();
        private final Set<String> mistyped = new HashSet<>();

        Collector(Class<?> root) {
            this.root = root;
        }

        void add(String field, String message) {
            violations.add(new Problem.Violation(field, message));
        }

        /** Whether {@code field} or a field it lies within already has a type violation. */
        boolean mistyped(String field) {
            for (String m : mistyped) {
                if (field.equals(m) || field.startsWith(m + ".") || field.startsWith(m + "[")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            List<Object> at = unknownAt(ctxt, p, propertyName);
            p.skipChildren();
            Set<String> known = new TreeSet<>();
            deserializer.getKnownPropertyNames().forEach(n -> known.add(String.valueOf(n)));
            add(render(at), "unknown field; expected one of " + String.join(", ", known));
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                String failureMsg) {
            return mistype(ctxt.getParser(), targetType);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                String failureMsg) {
            return mistype(ctxt.getParser(), targetType);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                JsonParser p, String failureMsg) throws IOException {
            Object result = mistype(p, targetType.getRawClass());
            p.skipChildren();
            return result;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
            Object result = mistype(p, instClass);
            p.skipChildren();
            return result;
        }

        @Override
        public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                Throwable t) {
            return mistype(ctxt.getParser(), instClass);
        }

        private Object mistype(JsonParser p, Class<?> target) {
            List<Object> at = segments(p);
            String field = render(at);
            mistyped.add(field);
            add(field, typeMessage(root, at, target));
            return null;
        }
    }

    /**
     * Where an unknown property lies. A record is built through its constructor, so Jackson buffers the unknown
     * properties it meets before the last component and replays them from that buffer once the record is built; the
     * buffer's contexts do not lead back to the body, so the place is then taken from the body's own parser, which has
     * moved on to the record's next field or its end.
     */
    private static List<Object> unknownAt(DeserializationContext ctxt, JsonParser p, String propertyName) {
        JsonParser body = ctxt.getParser();
        if (p == body) {
            return segments(p);
        }
        JsonStreamContext context = body.getParsingContext();
        List<Object> at = segments(body.hasToken(JsonToken.FIELD_NAME) ? context.getParent() : context);
        at.add(propertyName);
        return at;
    }

    /**
     * Where the parser's current value lies, as field names and array indexes. At the start of an object or array the
     * parser has already entered it, so the value is where its parent context points.
     */
    static List<Object> segments(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.START_ARRAY)) {
            context = context.getParent();
        }
        return segments(context);
    }

    private static List<Object> segments(JsonStreamContext context) {
        Deque<Object> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.addFirst(Math.max(c.getCurrentIndex(), 0));
            } else if (c.getCurrentName() != null) {
                segments.addFirst(c.getCurrentName());
            }
        }
        return new ArrayList<>(segments);
    }

    static String render(List<Object> segments) {
        StringBuilder field = new StringBuilder("$");
        for (Object s : segments) {
            if (s instanceof Integer i) {
                field.append('[').append(i).append(']');
            } else {
                field.append('.').append(s);
            }
        }
        return field.toString();
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        List<Object> segments = new ArrayList<>();
        for (JsonMappingException.Reference r : references) {
            segments.add(r.getFieldName() != null ? r.getFieldName() : Integer.valueOf(Math.max(r.getIndex(), 0)));
        }
        return render(segments);
    }

    /**
     * The message for a wrong-typed value at {@code segments} below the record {@code root}: the {@link TypeMessage}
     * of the record component it belongs to (its {@code element} for an element of a list), else one by
     * {@code target}, the type Jackson was reading.
     */
    static String typeMessage(Class<?> root, List<Object> segments, Class<?> target) {
        Type type = root;
        RecordComponent owner = null;
        boolean element = false;
        for (Object s : segments) {
            if (s instanceof String name) {
                owner = component(raw(type), name);
                if (owner == null) {
                    break;
                }
                type = owner.getGenericType();
                element = false;
            } else {
                type = elementType(type);
                element = true;
            }
        }
        TypeMessage message = owner == null ? null : owner.getAnnotation(TypeMessage.class);
        if (message != null && !element) {
            return message.value();
        }
        if (message != null && !message.element().isEmpty()) {
            return message.element();
        }
        return byType(target);
    }

    private static RecordComponent component(Class<?> type, String name) {
        if (type == null || !type.isRecord()) {
            return null;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static Type elementType(Type type) {
        if (type instanceof ParameterizedType p && raw(p) != null && Collection.class.isAssignableFrom(raw(p))) {
            return p.getActualTypeArguments()[0];
        }
        if (type instanceof GenericArrayType a) {
            return a.getGenericComponentType();
        }
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static String byType(Class<?> target) {
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == Instant.class || target == OffsetDateTime.class) {
            return "must be an ISO-8601 instant with offset, e.g. 2026-11-21T10:15:30Z";
        }
        if (target == String.class || target.isEnum()) {
            return "must be a string";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != char.class)) {
            return "must be a number";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}
