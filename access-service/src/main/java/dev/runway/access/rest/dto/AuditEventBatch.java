package dev.runway.access.rest.dto;

import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import dev.runway.common.json.JsonBodies;

/**
 * The body of an audit ingest: one event object, or an array of at most {@value #MAX_EVENTS} of them, as the outbox
 * relays send them. Each element is read on its own, so that a mistyped field of one event does not hide what is
 * wrong with the others: the reader keeps it in {@code malformed}, and Bean Validation ({@link WellFormed}) reports
 * it next to the constraint violations of the events it could read.
 *
 * @param single    the body was one object, so its fields are addressed as {@code $.field}, not {@code $[i].field}
 * @param events    the events in body order; null where an element could not be read
 * @param malformed the elements, or fields of them, that could not be read
 */
@JsonDeserialize(using = AuditEventBatch.Reader.class)
@Schema(oneOf = { AuditEventRequest.class, AuditEventRequest[].class })
@AuditEventBatch.WellFormed
public record AuditEventBatch(
        boolean single,
        @NotEmpty(message = "must be an object or a non-empty array")
        @Size(max = MAX_EVENTS, message = "must hold at most " + MAX_EVENTS + " events")
        List<@Valid AuditEventRequest> events,
        List<Malformed> malformed) {

    public static final int MAX_EVENTS = 1000;

    /** An element that is no event object ({@code field} null), or a field of one with the wrong type or format. */
    public record Malformed(int index, String field, String message) {
    }

    public AuditEventBatch {
        events = Collections.unmodifiableList(new ArrayList<>(events));
        malformed = List.copyOf(malformed);
    }

    /** The events, once the batch is valid. */
    public List<AuditEventRequest> valid() {
        return events.stream().map(Objects::requireNonNull).toList();
    }

    /**
     * Where in the body a violation of this batch lies: {@code $[1].outcome}, {@code $.outcome} for a single event,
     * {@code $} for the body as a whole. {@code path} runs from the resource method through the body parameter.
     */
    public String field(Path path) {
        List<Path.Node> inBody = new ArrayList<>();
        boolean events = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (!events) {
                // "events" stands for the body itself.
                events = true;
                continue;
            }
            inBody.add(node);
        }
        String field = JsonBodies.jsonPath(inBody);
        // The body of a single event is that event: its fields are not under an index.
        return single && field.startsWith("$[0]") ? "$" + field.substring("$[0]".length()) : field;
    }

    /** Reads an object or an array of them, element by element; what it cannot read it keeps as malformed. */
    public static class Reader extends JsonDeserializer<AuditEventBatch> {
        @Override
        public AuditEventBatch deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode body = parser.readValueAsTree();
            if (body == null || !(body.isObject() || body.isArray())) {
                return new AuditEventBatch(false, List.of(), List.of());
            }
            if (body.size() > MAX_EVENTS && body.isArray()) {
                // Past the limit no event is read: the limit is the answer.
                return new AuditEventBatch(false, Collections.nCopies(body.size(), null), List.of());
            }
            List<JsonNode> nodes = new ArrayList<>();
            if (body.isObject()) {
                nodes.add(body);
            } else {
                body.forEach(nodes::add);
            }
            List<AuditEventRequest> events = new ArrayList<>(nodes.size());
            List<Malformed> malformed = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                events.add(read(parser, nodes.get(i), i, malformed));
            }
            return new AuditEventBatch(body.isObject(), events, malformed);
        }

        private static AuditEventRequest read(JsonParser parser, JsonNode node, int index, List<Malformed> malformed) {
            if (!node.isObject()) {
                malformed.add(new Malformed(index, null, "must be an audit event object"));
                return null;
            }
            try {
                return parser.getCodec().treeToValue(node, AuditEventRequest.class);
            } catch (JsonMappingException e) {
                String field = String.join(".", e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                        .filter(Objects::nonNull).toList());
                malformed.add(new Malformed(index, field.isEmpty() ? null : field, "has the wrong type or format"));
            } catch (JsonProcessingException e) {
                malformed.add(new Malformed(index, null, "is not a valid audit event"));
            }
            return null;
        }
    }

    /** Every element of the batch could be read as an event. */
    @Documented
    @Constraint(validatedBy = WellFormedValidator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface WellFormed {
        String message() default "has the wrong type or format";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class WellFormedValidator implements ConstraintValidator<WellFormed, AuditEventBatch> {
        @Override
        public boolean isValid(AuditEventBatch batch, ConstraintValidatorContext context) {
            if (batch == null || batch.malformed().isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (Malformed m : batch.malformed()) {
                var events = context.buildConstraintViolationWithTemplate(m.message()).addPropertyNode("events");
                if (m.field() == null) {
                    events.addBeanNode().inIterable().atIndex(m.index()).addConstraintViolation();
                } else {
                    events.addPropertyNode(m.field()).inIterable().atIndex(m.index()).addConstraintViolation();
                }
            }
            return false;
        }
    }
}
