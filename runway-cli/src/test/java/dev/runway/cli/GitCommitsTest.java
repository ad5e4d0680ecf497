package dev.runway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.runway.cli.git.GitCommits;
import dev.runway.cli.git.GitException;

class GitCommitsTest {
    @TempDir
    Path tmp;

    GitRepo repo;
    String first;
    String second;
    String third;

    @BeforeEach
    void threeCommits() throws Exception {
        repo = new GitRepo(tmp.resolve("repo"));
        // author dates a week earlier than committer dates: the reader must report committer time
        first = repo.commit("a.txt", "2026-10-25T10:00:00+02:00", "2026-11-01T10:00:00+02:00");
        second = repo.commit("b.txt", "2026-10-26T09:30:00Z", "2026-11-02T09:30:00Z");
        third = repo.commit("c.txt", "2026-10-27T23:15:00-05:00", "2026-11-03T23:15:00-05:00");
    }

    @Test
    void commitTimeIsTheCommitterTimeInUtc() {
        GitCommits git = new GitCommits(repo.dir);
        // 10:00 at +02:00 is 08:00 UTC
        assertEquals(new GitCommits.Commit(first, Instant.parse("2026-11-01T08:00:00Z")), git.commit(first));
        // 23:15 at -05:00 is 04:15 UTC the next day
        assertEquals(new GitCommits.Commit(third, Instant.parse("2026-11-04T04:15:00Z")), git.commit("HEAD"));
    }

    @Test
    void rangeHoldsTheCommitsAfterSinceUpToTheRevisionNewestFirst() {
        List<GitCommits.Commit> commits = new GitCommits(repo.dir).range(first, third);
        assertEquals(List.of(new GitCommits.Commit(third, Instant.parse("2026-11-04T04:15:00Z")),
                new GitCommits.Commit(second, Instant.parse("2026-11-02T09:30:00Z"))), commits);
    }

    @Test
    void rangeOfARevisionOntoItselfIsEmpty() {
        assertEquals(List.of(), new GitCommits(repo.dir).range(third, "HEAD"));
    }

    @Test
    void resolvesHeadTagsAndAbbreviatedShas() throws Exception {
        repo.git(Map.of(), "tag", "v1", second);
        GitCommits git = new GitCommits(repo.dir);
        assertEquals(third, git.resolve("HEAD"));
        assertEquals(second, git.resolve("v1"));
        assertEquals(first, git.resolve(first.substring(0, 8)));
        assertEquals(first, git.resolve("HEAD~2"));
    }

    @Test
    void unknownRevisionIsReportedWithGitsMessage() {
        GitException e = assertThrows(GitException.class, () -> new GitCommits(repo.dir).resolve("no-such-ref"));
        assertTrue(e.getMessage().contains("no-such-ref"), e.getMessage());
    }

    @Test
    void aDirectoryThatIsNoRepositoryIsReported() {
        GitException e = assertThrows(GitException.class, () -> new GitCommits(tmp).resolve("HEAD"));
        assertTrue(e.getMessage().contains("not a git repository"), e.getMessage());
    }

    @Test
    void aRevisionThatLooksLikeAnOptionIsRefused() {
        assertThrows(GitException.class, () -> new GitCommits(repo.dir).range("--all", "HEAD"));
        assertThrows(GitException.class, () -> new GitCommits(repo.dir).commit("--output=/tmp/x"));
    }
}
