package dev.runway.cli.git;

/** git could not answer: not a repository, unknown revision, no git binary. */
public final class GitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
        super(message);
    }
}
