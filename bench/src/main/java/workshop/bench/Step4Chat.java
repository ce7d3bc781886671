package workshop.bench;

import java.io.File;
import java.util.Map;

/**
 * Everything the bench knows about step 4's chat, in one place to adapt when the chat changes:
 * where it listens, how a client joins and says something (the step README's protocol table).
 */
final class Step4Chat implements CapacityBench.Target {

    @Override
    public String name() {
        return "step 4 ChatApp (Javalin)";
    }

    @Override
    public Child start(File logs) {
        // The bench opens thousands of connections from one address: lift the chat's limits on that.
        return Child.java("step-04", "workshop.chat.ChatApp",
                Map.of("limits.connectionsPerAddress", "1000000", "limits.connections", "1000000"),
                new File(logs, "step-04.log"));
    }

    @Override
    public String path() {
        return "/chat";
    }

    @Override
    public String join(int index) {
        return "{\"type\":\"join\",\"name\":\"bench-" + index + "\"}";
    }

    @Override
    public String message(String text) {
        return "{\"type\":\"message\",\"text\":" + EventServer.quote(text) + "}";
    }
}
