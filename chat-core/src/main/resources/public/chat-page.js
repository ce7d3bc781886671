"use strict";
// The chat page's machinery, shared by the chat steps (chat-core): connecting and reconnecting, the
// two forms, and the show... helpers that put text on the page. Each step's chat.js, loaded after this
// file, defines handleServerMessage(msg): what the page does with each message from the server. A
// later step may also define again nextServer(), retryDelay() and joinMessage() (step 6 does: its
// page moves between servers and catches up), and connect(), join() and say(text) (step 5 does: its
// page logs in, and keeps what it sends until the server acknowledges it).

const BACKOFF_FIRST_DELAY_MS = 500;
const BACKOFF_MAX_DELAY_MS = 10_000;
// A "typing" frame counts against the server's rate limit like any other: send one now and then.
const TYPING_SEND_EVERY_MS = 2_000;
const TYPING_SHOWN_FOR_MS = 3_000;
// The server closes with this code a connection whose seat a newer one took (another tab, say).
const REPLACED = 4001;

const el = (id) => document.getElementById(id);

let socket = null;
let nickname = null; // the name to join with, again after every reconnect
let me = null; // the name the server confirmed in its welcome
let token = null; // from the welcome: gets the same seat back after a network drop
let online = []; // the names in the room: the full list comes in the welcome, then joined and left batches
let reconnectDelay = BACKOFF_FIRST_DELAY_MS;
let lastTypingSent = 0;
const typists = new Map(); // name -> the timer that hides "... is typing"
// How many messages of each type handleServerMessage has returned from. The page tests read it: a
// handler's work is done when it returns, so a test checks the page then, instead of waiting out its
// patience for something a handler that ignores the message will never show.
const messagesHandled = {};

// ---------------------------------------------------------------------------------------------
// Showing things. User text only ever reaches the page through textContent, which never parses
// HTML: a message such as <img src=x onerror=alert(1)> shows as those characters, it runs nothing.

function element(tag, className, text = "") {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function enterRoom(you, seat, keepShown = false) {
  me = you;
  nickname = you;
  token = seat;
  el("join-form").hidden = true;
  el("room").hidden = false;
  // The welcome's history replaces what was shown: after a reconnect, the server's record is the truth.
  // (Unless the welcome carries only what came after what was shown, as step 6's does.)
  if (!keepShown) {
    el("messages").replaceChildren();
  }
  [...typists.keys()].forEach(hideTyping);
  document.title = `${you} · Workshop chat`;
  el("text").focus();
}

function showMessage({ from, text, at }) {
  const item = element("li", from === me ? "message mine" : "message");
  const time = element("time", "", new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
  time.dateTime = at;
  item.append(element("span", "from", from), time, element("p", "text", text));
  addToConversation(item);
  hideTyping(from);
}

function showNotice(text, className = "") {
  addToConversation(element("li", `notice ${className}`, text));
}

function showOnline(names) {
  online = [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "accent" }));
  el("online").replaceChildren(...online.map((name) =>
    name === me ? element("li", "me", `${name} (you)`) : element("li", "", name)));
  el("online-count").textContent = `(${online.length})`;
  [...typists.keys()].filter((name) => !online.includes(name)).forEach(hideTyping);
}

// A batch of names, as the server gathers joins and leaves over a short window. Adding a name the
// list has already (the welcome listed it) changes nothing, so the list converges on the room's.
function addOnline(names) {
  showOnline([...online.filter((other) => !names.includes(other)), ...names]);
}

function removeOnline(names) {
  showOnline(online.filter((other) => !names.includes(other)));
}

// "ada", "ada and bob", "ada, bob and carol", "ada, bob and 37 others": a notice stays one line.
function several(names) {
  if (names.length <= 1) {
    return names.join("");
  }
  if (names.length <= 3) {
    return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  }
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} others`;
}

function showTyping(name) {
  clearTimeout(typists.get(name));
  typists.set(name, setTimeout(() => hideTyping(name), TYPING_SHOWN_FOR_MS));
  showTypists();
}

function showError(code, text) {
  if (me === null || code.startsWith("name-")) {
    // Not in the room (yet): the problem is the name. Ask again rather than retry it on reconnect.
    me = null;
    nickname = null;
    token = null;
    el("room").hidden = true;
    el("join-form").hidden = false;
    el("join-error").textContent = text;
    el("name").focus();
  } else {
    showNotice(text, "error");
  }
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

function addToConversation(item) {
  const list = el("messages");
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

// ---------------------------------------------------------------------------------------------
// The connection: open it, join (again) once it is open, and reconnect with a growing delay.

// The server to connect to; what a join says; how long to wait after a close. A later step may
// define them again.
function nextServer() {
  return location.host;
}

function joinMessage() {
  return { type: "join", name: nickname, token };
}

function retryDelay() {
  return backoff();
}

// Backoff with jitter: after a restart, a room full of pages does not knock all at once.
function backoff() {
  const delay = Math.round(reconnectDelay * (0.75 + Math.random() / 2));
  reconnectDelay = Math.min(reconnectDelay * 2, BACKOFF_MAX_DELAY_MS);
  return delay;
}

// Connects, and again after every close. A later step may check something first (step 5: its
// login), then call openSocket().
function connect() {
  openSocket();
}

function openSocket() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(`${scheme}//${nextServer()}/chat`);
  setStatus("connecting", "connecting…");

  socket.onopen = () => {
    reconnectDelay = BACKOFF_FIRST_DELAY_MS;
    setStatus("online", "connected");
    if (nickname) {
      send(joinMessage());
    }
  };
  socket.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    handleServerMessage(msg);
    messagesHandled[msg.type] = (messagesHandled[msg.type] ?? 0) + 1;
  };
  socket.onclose = (event) => {
    if (event.code === REPLACED) {
      setStatus("offline", "you joined again in another tab or window: this one has stopped");
      return;
    }
    retryLater(event.code);
  };
}

function retryLater(why) {
  const delay = retryDelay();
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

// The two forms: what they do is join() and say(text), which a later step may define again.

el("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  el("join-error").textContent = "";
  join();
});

function join() {
  nickname = el("name").value.trim();
  token = null; // a name typed in is a new seat
  send(joinMessage()); // if the socket is not open yet, onopen sends it
}

el("send-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = el("text");
  if (say(input.value)) {
    input.value = "";
    lastTypingSent = 0;
  }
});

// True when the text is on its way: then the composer empties.
function say(text) {
  if (send({ type: "message", text })) {
    return true;
  }
  showNotice("Not connected: your message was not sent.", "error");
  return false;
}

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

// Once every script of the page has run, so that a later step's definitions count from the start.
document.addEventListener("DOMContentLoaded", () => connect());
