"use strict";
// Step 5's page, given: what it adds to the core's chat-page.js, loaded before this file (the
// connection, the forms, the show... helpers). chat.js, loaded after it, defines nextReconnectDelay
// and handleServerMessage. On top of step 4's page, this one
// - logs in (POST /login), and checks the login before every connection attempt (GET /session);
// - joins with the id of the last message it showed (lastId), so the server replays what it missed,
//   and shows each id once;
// - waits nextReconnectDelay(attempt) before coming back;
// - keeps each message it sends in a pending list, with a clientId, until the server acknowledges it.

// After a reconnect the page resends its pending messages right after its join; together they must
// fit in the server's rate-limit burst (Limits.RATE_LIMIT_BURST, 10).
const MAX_PENDING = 5;

let attempt = 0; // reconnect attempts since the last welcome
let lastId = null; // the id of the last message shown: the server replays what came after it
const shownIds = new Set();
const pending = new Map(); // clientId -> text, in the order sent, until the server acknowledges it
// Random per page load, so that two tabs of the same member never use the same clientId.
const pageId = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");
let sentCount = 0;

// A message already shown (replayed, or a resend's original) is not shown twice. One without an id
// comes from a server whose Task 1 is not done yet: shown as it comes.
function showOnce(msg) {
  if (msg.id !== undefined) {
    if (shownIds.has(msg.id)) {
      return;
    }
    shownIds.add(msg.id);
    lastId = msg.id;
  }
  showMessage(msg);
}

function showPending(clientId, text) {
  const item = element("li", "message mine pending");
  item.dataset.clientId = clientId;
  item.append(element("span", "from", me), element("p", "text", text));
  el("pending").append(item);
}

function showLogin(error = "") {
  el("room").hidden = true;
  el("join-form").hidden = false;
  el("join-error").textContent = error;
  setStatus("offline", "not logged in");
  el("name").focus();
}

// ---------------------------------------------------------------------------------------------
// The core's page, told what to do first and what to say. Before every attempt, GET /session renews
// the login cookie (and says whether there still is one); the browser sends that cookie with the
// WebSocket upgrade by itself.

async function connect() {
  setStatus("connecting", "connecting…");
  let session;
  try {
    session = await fetch("/session", { cache: "no-store" });
  } catch (offline) {
    retryLater("no network");
    return;
  }
  if (session.status === 401) {
    showLogin();
    return;
  }
  if (!session.ok) {
    retryLater(`HTTP ${session.status}`);
    return;
  }
  nickname = (await session.json()).name;
  openSocket();
}

function joinMessage() {
  return lastId === null ? { type: "join" } : { type: "join", lastId };
}

function retryDelay() {
  const delay = nextReconnectDelay(attempt);
  attempt += 1;
  return delay;
}

// The join form logs in: the login cookie, not the join, says who this page is.
async function join() {
  const body = new URLSearchParams({ name: el("name").value, passphrase: el("passphrase").value });
  const answer = await fetch("/login", { method: "POST", body });
  if (answer.ok) {
    el("passphrase").value = "";
    connect();
  } else {
    el("join-error").textContent = (await answer.json()).message;
  }
}

// Offline too, the message is kept, and sent after the next welcome.
function say(text) {
  if (pending.size >= MAX_PENDING) {
    showNotice(`${MAX_PENDING} messages are still on their way: wait for them before sending more.`, "error");
    return false;
  }
  sentCount += 1;
  const clientId = `${pageId}-${sentCount}`;
  pending.set(clientId, text);
  showPending(clientId, text);
  send({ type: "message", text, clientId });
  return true;
}
