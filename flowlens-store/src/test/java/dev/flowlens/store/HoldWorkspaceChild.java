package dev.flowlens.store;

import java.io.IOException;

/** Run in a child JVM by {@link TestWorkspaceOpen}: opens a workspace for writing, says "ready", holds it until stdin closes. */
public final class HoldWorkspaceChild {
    private HoldWorkspaceChild() {}

    public static void main(String[] args) throws Exception {
        try (Workspace ws = Workspace.open(java.nio.file.Path.of(args[0]))) {
            System.out.println("ready " + ws.file().getFileName());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes stdin or ends this process
            }
        } catch (IOException e) {
            System.exit(3);
        }
    }
}
