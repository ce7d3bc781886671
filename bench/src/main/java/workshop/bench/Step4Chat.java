package workshop.bench;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the bench knows about step 4's chat, in one place to adapt when the chat changes:
 * where it listens, how a client joins and says something (the step README's protocol table), and
 * the switch that turns permessage-deflate on.
 */
final class Step4Chat implements CapacityBench.Target {

    /** The chat core's switch: permessage-deflate is off unless this system property is true. */
    static final String DEFLATE_SWITCH = "chat.deflate";

    /** null: as the chat is built; true or false: with {@link #DEFLATE_SWITCH} set so. */
    private final Boolean deflate;

    Step4Chat() {
        this(null);
    }

    Step4Chat(Boolean deflate) {
        this.deflate = deflate;
    }

    @Override
    public String name() {
        return deflate == null ? "step 4 ChatApp (Javalin)" : "step 4, deflate switch " + (deflate ? "on" : "off");
    }

    @Override
    public Child start(File logs) {
        // The bench opens thousands of connections from one address: lift the chat's limits on that.
        Map<String, String> properties = new HashMap<>(Map.of("limits.connectionsPerAddress", "1000000", "limits.connections", "1000000"));
        if (deflate != null) {
            properties.put(DEFLATE_SWITCH, deflate.toString());
        }
        return Child.java("step-04", "workshop.chat.ChatApp", properties, new File(logs, "step-04.log"));
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
    public String joinedMark() {
        return "\"type\":\"welcome\"";
    }

    @Override
    public String message(String text) {
        return "{\"type\":\"message\",\"text\":" + EventServer.quote(text) + "}";
    }
}
