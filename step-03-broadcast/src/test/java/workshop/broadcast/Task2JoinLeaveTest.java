package workshop.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 2: everyone hears who joins and who leaves, with the number online")
@Hint("BroadcastServer.onOpen and onClose: sendToEveryone(\"* \" + name(conn) + \" joined (\" + online() + \" online)\")")
class Task2JoinLeaveTest {

    private Room room;

    @AfterEach
    void closeRoom() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    @DisplayName("a newcomer and everyone already there get '* <name> joined (<n> online)'")
    void joinNotice() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        alice.awaitLine("\\* \\S+ joined \\(1 online\\)", alice.after("onOpen", 1), "BroadcastServer.onOpen, TODO 2");

        Client bob = room.jdk("bob");

        String line = bob.awaitLine("\\* \\S+ joined \\(2 online\\)", bob.after("onOpen", 1), "BroadcastServer.onOpen, TODO 2").group();
        assertEquals(line, alice.awaitLine("\\* \\S+ joined \\(2 online\\)", alice.after("onOpen", 2), "BroadcastServer.onOpen, TODO 2").group(),
                "alice should hear of bob's arrival with the line bob got");
    }

    @Test
    @DisplayName("when a client leaves, the others get '* <name> left (<n> online)'")
    void leaveNotice() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        alice.awaitLine("\\* \\S+ joined \\(1 online\\)", alice.after("onOpen", 1), "BroadcastServer.onOpen, TODO 2");
        Client bob = room.jdk("bob");
        String bobsName = bob.awaitLine("\\* (\\S+) joined \\(2 online\\)", bob.after("onOpen", 1), "BroadcastServer.onOpen, TODO 2").group(1);

        bob.leave();

        alice.awaitLine("\\* " + Pattern.quote(bobsName) + " left \\(1 online\\)", alice.after("onClose", 1), "BroadcastServer.onClose, TODO 2");
    }
}
