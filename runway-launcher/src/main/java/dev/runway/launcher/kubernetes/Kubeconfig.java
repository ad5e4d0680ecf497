package dev.runway.launcher.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the kubeconfig that points kubectl and the services at the sandbox. */
public final class Kubeconfig {

    public static final String NAME = "runway-sandbox";
    /** The sandbox authenticates nobody; clients just need a credential to send. */
    static final String TOKEN = "runway-sandbox-token";

    private Kubeconfig() {
    }

    static String render(String serverUrl) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                users:
                - name: %1$s
                  user:
                    token: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: default
                current-context: %1$s
                preferences: {}
                """.formatted(NAME, serverUrl, TOKEN);
    }

    /** Replaces {@code file} atomically, readable by its owner only, as kubectl's own files are. */
    public static void write(Path file, String serverUrl) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".kubeconfig-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system decides
            }
            Files.writeString(temporary, render(serverUrl), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
