"use strict";
// The chat page's own part: what it does with each message from the server (Task 5). The rest,
// connecting, reconnecting, the forms and the show... helpers, is chat-page.js, loaded before this.

// Task 5: every message from the server arrives here, parsed from JSON, e.g.
// {type: "message", from: "ada", text: "hi", at: "2026-03-14T09:26:53Z"}. See the README's table.

function handleServerMessage(msg) {
  // TODO 5: switch on msg.type: welcome, message, joined, left, typing, error; call the show… helpers (README, Task 5)
  console.log("TODO 5: handleServerMessage", msg);
}
