"use strict";
// The reliable chat page, given: logging in, the connection and its reconnects, the forms, and the
// show... helpers. It runs after chat.js, whose nextReconnectDelay and handleServerMessage it calls.

// After a reconnect the page resends its pending messages right after its join; together they must
// fit in the server's rate-limit burst (Limits.RATE_LIMIT_BURST, 10).
const MAX_PENDING = 5;
const TYPING_SEND_EVERY_MS = 2_000;
const TYPING_SHOWN_FOR_MS = 3_000;
// Private-use close code (RFC 6455 §7.4.2), as in step 4: the server closed this page because a newer one joined.
const REPLACED = 4001;

const el = (id) => document.getElementById(id);

let socket = null;
let me = null; // the name the login proved
let attempt = 0; // reconnect attempts since the last welcome
let online = []; // the names in the room: the full list comes in the welcome, then one name at a time
let lastId = null; // the id of the last message shown: the server replays what came after it
const shownIds = new Set();
const pending = new Map(); // clientId -> text, in the order sent, until the server acknowledges it
// Random per page load, so that two tabs of the same member never use the same clientId.
const pageId = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");
let sentCount = 0;
let lastTypingSent = 0;
const typists = new Map(); // name -> the timer that hides "... is typing"

// ---------------------------------------------------------------------------------------------
// Showing things: user text only ever reaches the page through textContent (see step 4).

function element(tag, className, text = "") {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function enterRoom(you) {
  me = you;
  el("join-form").hidden = true;
  el("room").hidden = false;
  [...typists.keys()].forEach(hideTyping);
  document.title = `${you} · Workshop chat`;
  setStatus("online", "connected");
  el("text").focus();
}

function showMessage({ id, from, text, at }) {
  // A message already shown (replayed, or a resend's original) is not shown twice. One without an
  // id comes from a server whose Task 1 is not done yet: shown as it comes.
  if (id !== undefined && shownIds.has(id)) {
    return;
  }
  shownIds.add(id);
  lastId = id;
  const item = element("li", from === me ? "message mine" : "message");
  const time = element("time", "", new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
  time.dateTime = at;
  item.dataset.id = id;
  item.append(element("span", "from", from), time, element("p", "text", text));
  addToConversation(el("messages"), item);
  hideTyping(from);
}

function showPending(clientId, text) {
  const item = element("li", "message mine pending");
  item.dataset.clientId = clientId;
  item.append(element("span", "from", me), element("p", "text", text));
  addToConversation(el("pending"), item);
}

function showNotice(text, className = "") {
  addToConversation(el("messages"), element("li", `notice ${className}`, text));
}

function showOnline(names) {
  online = [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "accent" }));
  el("online").replaceChildren(...online.map((name) =>
    name === me ? element("li", "me", `${name} (you)`) : element("li", "", name)));
  el("online-count").textContent = `(${online.length})`;
  [...typists.keys()].filter((name) => !online.includes(name)).forEach(hideTyping);
}

function addOnline(name) {
  showOnline([...online.filter((other) => other !== name), name]);
}

function removeOnline(name) {
  showOnline(online.filter((other) => other !== name));
}

function showTyping(name) {
  clearTimeout(typists.get(name));
  typists.set(name, setTimeout(() => hideTyping(name), TYPING_SHOWN_FOR_MS));
  showTypists();
}

function hideTyping(name) {
  clearTimeout(typists.get(name));
  typists.delete(name);
  showTypists();
}

function showTypists() {
  const names = [...typists.keys()];
  el("typing").textContent =
    names.length === 0 ? "" :
    names.length === 1 ? `${names[0]} is typing…` :
    names.length === 2 ? `${names[0]} and ${names[1]} are typing…` :
    "Several people are typing…";
}

function addToConversation(list, item) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.append(item);
  if (atBottom) {
    list.scrollTop = list.scrollHeight;
  }
}

function setStatus(state, text) {
  el("status").dataset.state = state;
  el("status").textContent = text;
}

function showLogin(error = "") {
  el("room").hidden = true;
  el("join-form").hidden = false;
  el("join-error").textContent = error;
  setStatus("offline", "not logged in");
  el("name").focus();
}

// ---------------------------------------------------------------------------------------------
// The connection. Before every attempt, GET /session renews the login cookie (and says whether
// there still is one); the browser sends that cookie with the WebSocket upgrade by itself.

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
  me = (await session.json()).name;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(`${scheme}//${location.host}/chat`);
  socket.onopen = () => send(lastId === null ? { type: "join" } : { type: "join", lastId });
  socket.onmessage = (event) => handleServerMessage(JSON.parse(event.data));
  socket.onclose = (event) => {
    socket = null;
    if (event.code === REPLACED) {
      setStatus("offline", "open in another tab: reload to chat here");
      return;
    }
    retryLater(event.code);
  };
}

function retryLater(why) {
  const delay = nextReconnectDelay(attempt);
  attempt += 1;
  setStatus("offline", `offline (${why}), retrying in ${(delay / 1000).toFixed(1)} s`);
  setTimeout(connect, delay);
}

function send(message) {
  if (socket === null || socket.readyState !== WebSocket.OPEN) {
    return false;
  }
  socket.send(JSON.stringify(message));
  return true;
}

el("join-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  el("join-error").textContent = "";
  const body = new URLSearchParams({ name: el("name").value, passphrase: el("passphrase").value });
  const answer = await fetch("/login", { method: "POST", body });
  if (answer.ok) {
    el("passphrase").value = "";
    connect();
  } else {
    el("join-error").textContent = (await answer.json()).message;
  }
});

el("send-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = el("text");
  if (pending.size >= MAX_PENDING) {
    showNotice(`${MAX_PENDING} messages are still on their way: wait for them before sending more.`, "error");
    return;
  }
  sentCount += 1;
  const clientId = `${pageId}-${sentCount}`;
  pending.set(clientId, input.value);
  showPending(clientId, input.value);
  send({ type: "message", text: input.value, clientId }); // offline: sent after the next welcome
  input.value = "";
  lastTypingSent = 0;
});

el("text").addEventListener("input", () => {
  if (Date.now() - lastTypingSent >= TYPING_SEND_EVERY_MS) {
    lastTypingSent = Date.now();
    send({ type: "typing" });
  }
});

// The server counts characters (code points), and names after NFKC and trimming; HTML's maxlength
// counts UTF-16 units, so an emoji would count twice. Inputs with data-max-chars count like the server.
function charCount(input) {
  const value = input.id === "name" ? input.value.normalize("NFKC").trim() : input.value;
  return [...value].length;
}

document.querySelectorAll("input[data-max-chars]").forEach((input) => {
  input.addEventListener("input", () => {
    const max = Number(input.dataset.maxChars);
    input.setCustomValidity(charCount(input) > max ? `At most ${max} characters, please.` : "");
  });
});

connect();
