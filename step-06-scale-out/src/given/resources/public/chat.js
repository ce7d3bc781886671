"use strict";
// The chat page of step 6, all of it given. On top of step 4's page it:
// - knows several servers (GET /instances) and moves to the next one when its server goes away;
// - remembers the id of the last message it showed and sends it as lastId when it joins again,
//   so the server replays what it missed, even a server other than the one it left;
// - says so when the room is degraded (its server lost Redis) and when it recovers.

const RECONNECT_FIRST_DELAY_MS = 250;
const RECONNECT_MAX_DELAY_MS = 5_000;
const TYPING_SEND_EVERY_MS = 2_000;
const TYPING_SHOWN_FOR_MS = 3_000;
const SEEN_IDS_KEPT = 500;

const el = (id) => document.getElementById(id);

let instances = [location.host]; // host:port of every server, this page's own first
let current = 0; // which of them the socket is on
let socket = null;
let nickname = null; // the name to join with, again after every reconnect
let me = null; // the name the server confirmed in its welcome
let lastId = null; // the id of the last message shown: sent on (re)join to catch up
const seenIds = new Set(); // ids already shown: a message replayed and also delivered live shows once
let reconnectDelay = RECONNECT_FIRST_DELAY_MS;
let lastTypingSent = 0;
const typists = new Map(); // name -> the timer that hides "... is typing"

function handleServerMessage(msg) {
  switch (msg.type) {
    case "welcome":
      enterRoom(msg.you);
      showOnline(msg.online);
      if (msg.missed > 0) {
        showNotice(`${msg.missed} older messages were missed: they are no longer kept`, "error");
      }
      msg.history.forEach(showMessage);
      showDegraded(msg.degraded ? "The room is degraded: you reach only the people on this server." : null);
      break;
    case "message":
      showMessage(msg);
      break;
    case "joined":
      showNotice(`${msg.name} joined`);
      showOnline(msg.online);
      break;
    case "left":
      showNotice(`${msg.name} left`);
      showOnline(msg.online);
      break;
    case "typing":
      if (msg.name !== me) {
        showTyping(msg.name);
      }
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

// ---------------------------------------------------------------------------------------------
// Showing things. User text only ever reaches the page through textContent, which never parses HTML.

function element(tag, className, text = "") {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function enterRoom(you) {
  me = you;
  nickname = you;
  el("join-form").hidden = true;
  el("room").hidden = false;
  [...typists.keys()].forEach(hideTyping);
  document.title = `${you} · Workshop chat`;
  el("text").focus();
}

function showMessage({ id, from, text, at }) {
  if (id) {
    if (seenIds.has(id)) {
      return;
    }
    seenIds.add(id);
    if (seenIds.size > SEEN_IDS_KEPT) {
      seenIds.delete(seenIds.values().next().value);
    }
    lastId = id;
  }
  const item = element("li", from === me ? "message mine" : "message");
  item.dataset.id = id ?? "";
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
  el("online").replaceChildren(...names.map((name) =>
    name === me ? element("li", "me", `${name} (you)`) : element("li", "", name)));
  el("online-count").textContent = `(${names.length})`;
  [...typists.keys()].filter((name) => !names.includes(name)).forEach(hideTyping);
}

function showDegraded(text) {
  el("degraded").hidden = text === null;
  el("degraded").textContent = text ?? "";
  if (socket !== null && socket.readyState === WebSocket.OPEN) {
    setStatus(text === null ? "online" : "degraded", `${text === null ? "connected" : "degraded"} · ${instances[current]}`);
  }
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
// The connection: open it, join (again) with lastId once it is open, and when it closes move on to
// the next server, with a growing delay once every server has been tried.

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const instance = instances[current];
  socket = new WebSocket(`${scheme}//${instance}/chat`);
  setStatus("connecting", `connecting to ${instance}…`);

  socket.onopen = () => {
    reconnectDelay = RECONNECT_FIRST_DELAY_MS;
    setStatus("online", `connected · ${instance}`);
    if (nickname) {
      send({ type: "join", name: nickname, lastId });
    }
  };
  socket.onmessage = (event) => handleServerMessage(JSON.parse(event.data));
  socket.onclose = (event) => {
    current = (current + 1) % instances.length;
    // Straight to the next server; a full round of servers that all failed waits, with jitter.
    const delay = current === 0 ? Math.round(reconnectDelay * (0.75 + Math.random() / 2)) : 0;
    if (current === 0) {
      reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_DELAY_MS);
    }
    setStatus("offline", `offline (${event.code}), trying ${instances[current]} in ${(delay / 1000).toFixed(1)} s`);
    setTimeout(connect, delay);
  };
}

function send(message) {
  if (socket === null || socket.readyState !== WebSocket.OPEN) {
    return false;
  }
  socket.send(JSON.stringify(message));
  return true;
}

el("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  nickname = el("name").value.trim();
  el("join-error").textContent = "";
  send({ type: "join", name: nickname, lastId }); // if the socket is not open yet, onopen sends it
});

el("send-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = el("text");
  if (send({ type: "message", text: input.value })) {
    input.value = "";
    lastTypingSent = 0;
  } else {
    showNotice("Not connected: your message was not sent.", "error");
  }
});

el("text").addEventListener("input", () => {
  if (Date.now() - lastTypingSent >= TYPING_SEND_EVERY_MS) {
    lastTypingSent = Date.now();
    send({ type: "typing" });
  }
});

// The server counts characters (code points), and names after NFKC and trimming; HTML's maxlength
// counts UTF-16 units, so an emoji would count twice. Inputs with data-max-chars count like the server.
// (The same as the core's chat-page.js, which this page does not load: it connects to one server only.)
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

// The servers this page may move between; without the list, its own server only.
fetch("instances")
  .then((response) => response.json())
  .then((list) => {
    instances = [location.host, ...list.filter((instance) => instance !== location.host)];
  })
  .catch(() => console.warn("No list of servers: this page stays on", location.host))
  .finally(connect);
