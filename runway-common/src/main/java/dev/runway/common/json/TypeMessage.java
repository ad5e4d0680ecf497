package dev.runway.common.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What {@link JsonBodies} tells a caller who sent a value of the wrong JSON type for this record component, in the
 * words of the API rather than Jackson's (which names Java types). Without it a message is chosen by the target type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface TypeMessage {
    /** For the component itself, e.g. {@code "must be true or false"}. */
    String value();

    /** For an element of a list component, e.g. {@code "must be an ISO-8601 instant"}; empty: by the element type. */
    String element() default "";
}
