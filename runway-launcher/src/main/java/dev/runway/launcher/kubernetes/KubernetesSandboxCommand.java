package dev.runway.launcher.kubernetes;

import dev.runway.launcher.Foreground;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "k8s-sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a local Kubernetes API sandbox on http://127.0.0.1:PORT in the foreground.",
            "For machines without a cluster: objects are stored and listed in memory (lost on stop), nothing is "
                + "scheduled or run. Serves API discovery, so plain kubectl works with the kubeconfig FILE it writes "
                + "(context runway-sandbox). Prints one line 'READY k8s-sandbox ...' on stdout once it serves; stops "
                + "cleanly on SIGTERM or SIGINT." })
public final class KubernetesSandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "6443", paramLabel = "PORT",
            description = "TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE",
            description = "Kubeconfig to write (replaced if it exists).")
    Path kubeconfig;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, not " + port);
        }
        KubernetesSandbox sandbox = KubernetesSandbox.start(port);
        try {
            Kubeconfig.write(kubeconfig, sandbox.url());
        } catch (Exception e) {
            sandbox.close();
            throw e;
        }
        String ready = "k8s-sandbox " + sandbox.url() + " kubeconfig=" + kubeconfig.toAbsolutePath().normalize()
                + " context=" + Kubeconfig.NAME;
        // an in-process server cannot die apart from this JVM
        return Foreground.run(sandbox, ready, new CompletableFuture<>());
    }
}
