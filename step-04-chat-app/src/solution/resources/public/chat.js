"use strict";
// The chat page's own part: what it does with each message from the server (Task 5). The rest,
// connecting, reconnecting, the forms and the show... helpers, is chat-page.js, loaded before this.

// Task 5: every message from the server arrives here, parsed from JSON, e.g.
// {type: "message", from: "ada", text: "hi", at: "2026-03-14T09:26:53Z"}. See the README's table.

function handleServerMessage(msg) {
  switch (msg.type) {
    case "welcome":
      enterRoom(msg.you, msg.token);
      showOnline(msg.online);
      msg.history.forEach(showMessage);
      break;
    case "message":
      showMessage(msg);
      break;
    case "joined":
      showNotice(`${several(msg.names)} joined · ${msg.count} online`);
      addOnline(msg.names);
      break;
    case "left":
      showNotice(`${several(msg.names)} left · ${msg.count} online`);
      removeOnline(msg.names);
      break;
    case "typing":
      showTyping(msg.name);
      break;
    case "error":
      showError(msg.code, msg.message);
      break;
    default:
      console.warn("Unknown message type from the server:", msg);
  }
}
