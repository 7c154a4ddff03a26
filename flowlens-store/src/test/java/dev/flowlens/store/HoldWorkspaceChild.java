package dev.flowlens.store;

import java.io.IOException;

/** Run in a child JVM by {@link TestWorkspaceOpen}: opens a workspace for writing, says "ready", holds it until stdin closes. */
public final class HoldWorkspaceChild {
    private HoldWorkspaceChild() {}

    @SuppressWarnings("try") // the workspace is held, not used
    public static void main(String[] args) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(args[0]);
        try (Workspace ws = Workspace.open(file)) {
            System.out.println("ready " + file.getFileName());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes stdin or ends this process
            }
        } catch (IOException e) {
            System.exit(3);
        }
    }
}
