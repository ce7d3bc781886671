"use strict";
// The reliable chat page, your part: how long to wait before reconnecting (Task 4), and what the page
// does with each message from the server, given, to read: it remembers the id of the last message it
// showed (catch-up, Task 1) and keeps what it sends until the server acknowledges it (Task 2). The rest
// of the page is given: the core's chat-page.js (the connection, the forms, the show... helpers) and
// what step 5 adds to it, in reliable-page.js (logging in, lastId, the pending list).

const RECONNECT_FIRST_DELAY_MS = 500;
const RECONNECT_MAX_DELAY_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Task 4: how long to wait before reconnect attempt number `attempt` (0 for the first).

function nextReconnectDelay(attempt) {
  // TODO 4: full jitter: Math.random() times the ceiling below, so that pages cut together spread out
  return Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_FIRST_DELAY_MS * 2 ** attempt);
}

// ---------------------------------------------------------------------------------------------
// Every message from the server arrives here, parsed from JSON. See the README's table.

function handleServerMessage(msg) {
  switch (msg.type) {
    case "welcome":
      attempt = 0;
      enterRoom(msg.you, null, true); // its history is what came after lastId: what is shown stays
      showOnline(msg.online);
      if (msg.missed > 0) {
        showNotice(`${msg.missed} older message${msg.missed === 1 ? "" : "s"} missed while you were away`, "error");
      }
      msg.history.forEach(showOnce);
      // What the server did not acknowledge may never have reached it: send it again, same clientId.
      pending.forEach((text, clientId) => send({ type: "message", text, clientId }));
      break;
    case "message":
      showOnce(msg);
      break;
    case "ack":
      pending.delete(msg.clientId);
      document.querySelector(`#pending [data-client-id="${msg.clientId}"]`)?.remove();
      break;
    case "joined":
      // One notice for everyone who joined in the server's short window (names), and the count.
      showNotice(`${msg.names.join(", ")} joined`);
      addOnline(msg.names);
      break;
    case "left":
      showNotice(`${msg.names.join(", ")} left`);
      removeOnline(msg.names);
      break;
    case "typing":
      showTyping(msg.name);
      break;
    case "error":
      if (msg.code === "last-id-unknown") {
        // The server restarted (its ids began again): what it keeps replaces what was shown.
        lastId = null;
        shownIds.clear();
        el("messages").replaceChildren();
        send({ type: "join" });
      } else {
        showNotice(msg.message, "error");
      }
      break;
    default:
      console.warn("Unknown message type from the server:", msg);
  }
}
