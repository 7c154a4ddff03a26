package dev.flowlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a workspace that another process holds: with {@link BusyWait} it is tried again until the
 * holder lets go (the opening then succeeds) or the wait is over (it fails as it would at once).
 * The holder is a child JVM ({@link HoldWorkspaceChild}) released by closing its standard input, so
 * the order of events is fixed by the test, not by timing.
 */
class TestBusyWait {
    @TempDir
    Path tmp;

    private Path file;
    private Process holder;

    @BeforeEach
    void holdTheWorkspaceInAnotherProcess() throws Exception {
        file = tmp.resolve("held.db");
        Workspace.open(file).close();
        holder = ChildJvm.of(tmp, "128m", HoldWorkspaceChild.class, file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready held.db");
    }

    @AfterEach
    void release() throws Exception {
        holder.getOutputStream().close();
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anOpeningWaitsUntilTheHolderLetsGo() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        List<WorkspaceException> told = new CopyOnWriteArrayList<>();
        BusyWait wait = new BusyWait(Duration.ofMinutes(10), busy -> {
            told.add(busy);
            waiting.countDown();
        });
        CompletableFuture<Long> opened = CompletableFuture.supplyAsync(() -> {
            try (Workspace ws = wait.open(() -> Workspace.openReadOnly(file))) {
                return new Catalog(ws.connection()).info().records();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting.await(5, TimeUnit.MINUTES)).isTrue();
        assertThat(opened).isNotDone();
        release();

        assertThat(opened.get(5, TimeUnit.MINUTES)).isZero();
        assertThat(told).singleElement().satisfies(busy -> {
            assertThat(busy.code()).isEqualTo(ErrorCode.WORKSPACE_BUSY);
            assertThat(busy.getMessage()).contains("(PID " + holder.pid() + ")");
        });
    }

    @Test
    void noWaitFailsAtOnceWithoutTellingAnyone() {
        List<WorkspaceException> told = new CopyOnWriteArrayList<>();
        BusyWait none = new BusyWait(Duration.ZERO, told::add);
        assertThatThrownBy(() -> none.open(() -> Workspace.open(file)))
                .isInstanceOfSatisfying(
                        WorkspaceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE_BUSY));
        assertThat(told).isEmpty();
        assertThatThrownBy(() -> BusyWait.NONE.open(() -> Workspace.openReadOnly(file)))
                .isInstanceOf(WorkspaceException.class);
    }

    @Test
    void aWaitThatRunsOutFailsAsItWouldAtOnceAfterTellingOnce() {
        List<WorkspaceException> told = new CopyOnWriteArrayList<>();
        BusyWait shortWait = new BusyWait(BusyWait.RETRY.multipliedBy(3), told::add);
        assertThatThrownBy(() -> shortWait.open(() -> Workspace.open(file)))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE_BUSY);
                    assertThat(e.getMessage()).contains("(PID " + holder.pid() + ")");
                });
        assertThat(told).hasSize(1);
    }

    @Test
    void otherFailuresAreNotWaitedFor() {
        List<WorkspaceException> told = new CopyOnWriteArrayList<>();
        BusyWait wait = new BusyWait(Duration.ofMinutes(10), told::add);
        assertThatThrownBy(() -> wait.open(() -> Workspace.openReadOnly(tmp.resolve("missing.db"))))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("no workspace at");
        assertThat(told).isEmpty();
    }
}
