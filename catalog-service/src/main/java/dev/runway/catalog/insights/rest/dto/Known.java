package dev.runway.catalog.insights.rest.dto;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.domain.Incident;
import dev.runway.catalog.insights.scorecard.ScorecardCheck;
import dev.runway.catalog.insights.scorecard.ScorecardLevel;

/**
 * A word of one of the insights' vocabularies, as the domain reads it (any case, {@code SEV-1} for {@code sev1}).
 * The vocabularies live in the domain classes, so a pattern written here would drift from them; the message lists
 * what is accepted, built when it is needed because kinds and checks are enums.
 */
@Documented
@Constraint(validatedBy = Known.Check.class)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Known {
    Vocabulary value();

    /** Whether a missing value is refused too, with the same message (rather than a separate "is required"). */
    boolean required() default false;

    /** Unused: the vocabulary's message is given instead. */
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Vocabulary {
        DEPLOYMENT_STATUS(() -> "must be success, failure or rolled_back",
                s -> Deployment.STATUSES.contains(s.toLowerCase(Locale.ROOT))),
        SEVERITY(() -> "must be sev1 (most severe), sev2, sev3 or sev4", s -> Incident.severity(s).isPresent()),
        ENTITY_KIND(() -> "unknown kind; expected one of " + EntityKind.wireNames(),
                s -> EntityKind.fromAnyCase(s) != null),
        RULE_LEVEL(() -> "must be bronze, silver or gold", s -> ScorecardLevel.ruleLevel(s).isPresent()),
        CHECK(() -> "unknown check; expected one of " + ScorecardCheck.wireNames(),
                s -> ScorecardCheck.fromWire(s).isPresent());

        private final Supplier<String> message;
        private final Predicate<String> accepts;

        Vocabulary(Supplier<String> message, Predicate<String> accepts) {
            this.message = message;
            this.accepts = accepts;
        }
    }

    class Check implements ConstraintValidator<Known, String> {
        private Vocabulary vocabulary;
        private boolean required;

        @Override
        public void initialize(Known known) {
            vocabulary = known.value();
            required = known.required();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null ? !required : vocabulary.accepts.test(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // The message is a template: braces, dollars and backslashes in it are meant literally.
            context.buildConstraintViolationWithTemplate(vocabulary.message.get().replaceAll("([{}$\\\\])", "\\\\$1"))
                    .addConstraintViolation();
            return false;
        }
    }
}
