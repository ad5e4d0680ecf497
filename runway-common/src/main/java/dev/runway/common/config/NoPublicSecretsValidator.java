package dev.runway.common.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** One violation per offending secret, each naming its environment variable (the rules are {@link PublicSecrets}'). */
public class NoPublicSecretsValidator implements ConstraintValidator<NoPublicSecrets, InstallationSecrets.Secrets> {

    @Override
    public boolean isValid(InstallationSecrets.Secrets secrets, ConstraintValidatorContext context) {
        if (secrets == null || !secrets.enforced()) {
            return true;
        }
        List<String> problems = PublicSecrets.problems(values(secrets.required()), values(secrets.optional()));
        if (problems.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        for (String problem : problems) {
            context.buildConstraintViolationWithTemplate(escape(problem)).addConstraintViolation();
        }
        return false;
    }

    private static Map<String, Optional<String>> values(Map<String, InstallationSecrets.Value> secrets) {
        Map<String, Optional<String>> values = new TreeMap<>();
        secrets.forEach((variable, secret) -> values.put(variable, secret.value()));
        return values;
    }

    /** The message is plain text, not a template: no message parameter or expression may be read into it. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
