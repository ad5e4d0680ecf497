package dev.runway.common.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Refuses {@link InstallationSecrets.Secrets} with a required secret unset, or any secret set to a public value. */
@Documented
@Constraint(validatedBy = NoPublicSecretsValidator.class)
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface NoPublicSecrets {
    String message() default "public or missing secrets";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
