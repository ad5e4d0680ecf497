package dev.runway.common.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A POST, PUT, PATCH or DELETE that is not a write a person makes, and so is not counted against the caller's write
 * bucket: say why in {@link #value()}. Use it sparingly; the default for every write is to be limited.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RateLimitExempt {

    /** Why this operation is not a write the limiter should count. */
    String value();
}
