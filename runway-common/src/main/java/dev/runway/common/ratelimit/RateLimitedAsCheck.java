package dev.runway.common.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A POST that checks and changes nothing (a lint, a dry run): it does not spend the caller's write budget but their
 * check budget ({@code runway.rate-limit.checks.*}), which is larger. CI jobs validate many files per run, and a
 * person's writes should not run out because their pipeline linted the repository; a check still costs the service a
 * read, so a runaway loop is still stopped. Say why in {@link #value()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RateLimitedAsCheck {

    /** Why this operation changes nothing. */
    String value();
}
