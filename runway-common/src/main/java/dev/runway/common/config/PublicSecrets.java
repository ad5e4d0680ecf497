package dev.runway.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Values no installation may use as a secret: every one is public, in this repository. The demo values earlier
 * versions shipped as defaults (so older .env files and Secrets still carry them), the placeholders the example
 * files ship today, and the dev and test profiles' own values.
 */
public final class PublicSecrets {

    /** Compared ignoring case and surrounding blanks. */
    public static final Set<String> REFUSED = Set.of(
            // demo defaults of earlier versions
            "portal-ui-demo-secret",
            "access-service-demo-secret",
            "catalog-service-demo-secret",
            "provisioning-service-demo-secret",
            "runway-demo-audit-checkpoint-key",
            "runway-demo-db-password",
            "runway-demo-admin-password",
            // the demo users' password
            "runway-demo",
            // placeholders of .env.example and deploy/kubernetes/secret.example.yaml
            "change-me",
            "changeme",
            "replace-me",
            "replace_me",
            // the dev and test profiles' values
            "dev-only-client-secret",
            "dev-only-audit-checkpoint-key",
            "test-only-client-secret",
            "test-only-audit-checkpoint-key");

    private PublicSecrets() {
    }

    /** Whether {@code value} is public: one of {@link #REFUSED}, or a placeholder no one expanded ({@code ${VAR}}). */
    public static boolean isPublic(String value) {
        String v = value.strip();
        return REFUSED.contains(v.toLowerCase(Locale.ROOT)) || v.startsWith("${");
    }

    /**
     * What is wrong with a service's secrets, one sentence per variable naming it; empty when nothing is.
     *
     * @param required by variable, the value in use; empty or blank counts as unset
     * @param optional by variable, the value in use, if any; never public
     */
    public static List<String> problems(Map<String, Optional<String>> required, Map<String, Optional<String>> optional) {
        List<String> problems = new ArrayList<>();
        new TreeMap<>(required).forEach((variable, value) -> {
            if (value.isEmpty() || value.get().isBlank()) {
                problems.add(variable + " is not set: set it to this installation's own secret (bin/runway generates "
                        + "them under .runway/secrets/).");
            } else if (isPublic(value.get())) {
                problems.add(refusal(variable));
            }
        });
        new TreeMap<>(optional).forEach((variable, value) -> {
            if (value.isPresent() && isPublic(value.get())) {
                problems.add(refusal(variable));
            }
        });
        return problems;
    }

    private static String refusal(String variable) {
        return variable + " is set to a public demo or placeholder value: set it to this installation's own secret.";
    }
}
