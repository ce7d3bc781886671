"use strict";
// Step 6's page, given: the core's chat-page.js, loaded before this file, does the connecting, the
// forms and the show... helpers. On top of step 4's page, this one
// - knows several servers (GET /instances) and moves to the next one when its server goes away;
// - sends the id of the last message it showed as lastId when it joins again, so the server (any of
//   them) replays what it missed, and shows each id once;
// - says so when the room is degraded (its server lost Redis) and when it recovers.

const SEEN_IDS_KEPT = 500;

let servers = [location.host]; // host:port of every server, this page's own first
let current = 0; // which of them the socket is on
let lastId = null; // the id of the last message shown: sent on (re)join to catch up
const seenIds = new Set(); // ids already shown: a message replayed and also delivered live shows once

function handleServerMessage(msg) {
  switch (msg.type) {
    case "welcome":
      // Its history is what came after lastId: what is shown stays.
      enterRoom(msg.you, null, true);
      showOnline(msg.online);
      if (msg.missed > 0) {
        showNotice(`${msg.missed} older messages were missed: they are no longer kept`, "error");
      }
      msg.history.forEach(showOnce);
      showDegraded(msg.degraded ? "The room is degraded: you reach only the people on this server." : null);
      break;
    case "message":
      showOnce(msg);
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
    case "degraded":
      showDegraded(msg.message);
      break;
    case "recovered":
      showDegraded(null);
      showOnline(msg.online);
      break;
    case "error":
      showError(msg.code, msg.message);
      break;
    default:
      console.warn("Unknown message type from the server:", msg);
  }
}

function showOnce(msg) {
  if (msg.id) {
    if (seenIds.has(msg.id)) {
      return;
    }
    seenIds.add(msg.id);
    if (seenIds.size > SEEN_IDS_KEPT) {
      seenIds.delete(seenIds.values().next().value);
    }
    lastId = msg.id;
  }
  showMessage(msg);
}

function showDegraded(text) {
  el("degraded").hidden = text === null;
  el("degraded").textContent = text ?? "";
  setStatus(text === null ? "online" : "degraded", `${text === null ? "connected" : "degraded"} · ${servers[current]}`);
}

// The core's page, told where to go and what to say: the next server after a close, straight away
// (a whole round of servers that all failed waits, with the core's backoff), and lastId in the join.

function nextServer() {
  return servers[current];
}

function retryDelay() {
  current = (current + 1) % servers.length;
  return current === 0 ? backoff() : 0;
}

function joinMessage() {
  return { type: "join", name: nickname, lastId };
}

// The servers this page may move between; without the list, its own server only.
fetch("instances")
  .then((response) => response.json())
  .then((list) => {
    servers = [location.host, ...list.filter((server) => server !== location.host)];
  })
  .catch(() => console.warn("No list of servers: this page stays on", location.host));
