package dev.runway.provisioning.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The first read carries the secret values; later reads only say where the Secret is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialsView(String secretName, String namespace, boolean revealed, String username,
        String password, String host, Integer port, String database) {
}
