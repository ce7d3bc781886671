// The page: one socket to /game, the arena on a canvas, your keys sent as inputs every tick.
// The game's own tricks, prediction and interpolation, are in predict.js (Task 5).
"use strict";

const game = {
  socket: null,
  match: null,
  me: null,
  names: new Map(),
  snapshot: null,
  predicted: null,
  pending: [],
  seq: 0,
  keys: 0,
  samples: new Map(),
  drawn: {},
  delay: 0,
  predict: true,
  smooth: true,
};

(() => {
  const params = new URLSearchParams(location.search);
  const canvas = document.getElementById("arena");
  const pen = canvas.getContext("2d");
  const KEYS = { ArrowUp: Keys.UP, KeyW: Keys.UP, ArrowDown: Keys.DOWN, KeyS: Keys.DOWN,
    ArrowLeft: Keys.LEFT, KeyA: Keys.LEFT, ArrowRight: Keys.RIGHT, KeyD: Keys.RIGHT };
  let inputTimer = null;

  if (params.has("watch")) {
    document.body.classList.add("watch");
  }

  // The added delay holds every message, each way, as a slow network would; in order, even when
  // the slider moves.
  function delayer() {
    let lastDue = 0;
    return action => {
      const now = performance.now();
      const due = Math.max(now + game.delay, lastDue);
      lastDue = due;
      if (due <= now) {
        action();
      } else {
        setTimeout(action, due - now);
      }
    };
  }
  const incoming = delayer();
  const outgoing = delayer();

  function connect() {
    const url = new URL("game", location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    if (params.has("match")) {
      url.searchParams.set("match", params.get("match"));
    }
    const socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    game.socket = socket;
    socket.onmessage = event => incoming(() => receive(event.data));
    socket.onclose = event => {
      game.me = null;
      clearInterval(inputTimer);
      status(`Disconnected (${event.code}${event.reason ? ": " + event.reason : ""}). Reconnecting to watch…`);
      setTimeout(connect, 2000);
    };
  }

  function receive(data) {
    if (typeof data === "string") {
      receiveJson(JSON.parse(data));
    } else {
      receiveSnapshot(new DataView(data));
    }
  }

  function receiveJson(msg) {
    if (msg.type === "hello") {
      Physics.configure(msg.rules);
      game.match = msg.match;
      status(`Watching match ${msg.match}.`);
    } else if (msg.type === "welcome") {
      game.me = msg.you;
      game.match = msg.match;
      game.seq = 0;
      game.pending = [];
      game.predicted = null;
      game.samples.clear();
      status(`Playing in match ${msg.match}.`);
      inputTimer = setInterval(sendInput, Physics.rules.tickMillis);
    } else if (msg.type === "roster" && msg.match === game.match) {
      game.names = new Map(msg.players.map(p => [p.id, p.name]));
    }
  }

  // The layout of Snapshot.java: an 8-byte header, 11 bytes a player, 4 a coin, big-endian.
  function receiveSnapshot(view) {
    if (view.getUint8(0) !== 0x10 || view.getUint8(1) !== game.match) {
      return;
    }
    const snapshot = { tick: view.getInt32(2), players: [], coins: [] };
    let at = 8;
    for (let i = 0; i < view.getUint8(6); i++, at += 11) {
      snapshot.players.push({ id: view.getUint8(at), x: view.getInt16(at + 1), y: view.getInt16(at + 3),
        score: view.getInt16(at + 5), lastInput: view.getInt32(at + 7) });
    }
    for (let i = 0; i < view.getUint8(7); i++, at += 4) {
      snapshot.coins.push({ x: view.getInt16(at), y: view.getInt16(at + 2) });
    }
    game.snapshot = snapshot;
    const now = performance.now();
    for (const player of snapshot.players) {
      if (player.id === game.me) {
        const mine = game.predict ? reconcile(player, game.pending)
          : { x: player.x, y: player.y, pending: game.pending.filter(input => input.seq > player.lastInput) };
        game.predicted = { x: mine.x, y: mine.y };
        game.pending = mine.pending;
      } else {
        const samples = game.samples.get(player.id) || [];
        samples.push({ t: now, x: player.x, y: player.y });
        if (samples.length > 20) {
          samples.shift();
        }
        game.samples.set(player.id, samples);
      }
    }
    for (const id of [...game.samples.keys()]) {
      if (!snapshot.players.some(player => player.id === id)) {
        game.samples.delete(id);
      }
    }
    showScores();
  }

  function sendInput() {
    const socket = game.socket;
    if (game.me === null || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    const input = { seq: ++game.seq, keys: game.keys };
    game.pending.push(input);
    if (game.predict && game.predicted) {
      game.predicted = Physics.move(game.predicted.x, game.predicted.y, input.keys);
    }
    // The layout of Inputs.java: opcode 0x01, the sequence number, the keys. Never a position.
    const bytes = new DataView(new ArrayBuffer(6));
    bytes.setUint8(0, 0x01);
    bytes.setInt32(1, input.seq);
    bytes.setUint8(5, input.keys);
    outgoing(() => {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(bytes.buffer);
      }
    });
  }

  function draw() {
    requestAnimationFrame(draw);
    pen.clearRect(0, 0, canvas.width, canvas.height);
    if (!game.snapshot || !Physics.rules) {
      return;
    }
    const rules = Physics.rules;
    pen.fillStyle = "#ffd24a";
    for (const coin of game.snapshot.coins) {
      circle(coin.x, coin.y, rules.coinRadius);
    }
    const renderTime = performance.now() - INTERPOLATION_DELAY_MS;
    const drawn = {};
    for (const [id, samples] of game.samples) {
      const position = game.smooth ? interpolate(samples, renderTime) : samples[samples.length - 1];
      if (position) {
        drawn[id] = position;
        dot(id, position, false);
      }
    }
    if (game.me !== null && game.predicted) {
      drawn[game.me] = game.predicted;
      dot(game.me, game.predicted, true);
    }
    game.drawn = drawn;
  }

  function dot(id, position, mine) {
    const rules = Physics.rules;
    pen.fillStyle = `hsl(${(id * 137) % 360} 70% 60%)`;
    circle(position.x, position.y, rules.radius);
    if (mine) {
      pen.strokeStyle = "#ffffff";
      pen.lineWidth = 3;
      pen.stroke();
    }
    pen.fillStyle = "#e8e8ee";
    pen.font = "14px system-ui, sans-serif";
    pen.textAlign = "center";
    // The name above the dot, or below it at the top edge.
    const nameY = position.y - rules.radius - 6 > 14 ? position.y - rules.radius - 6 : position.y + rules.radius + 16;
    pen.fillText(game.names.get(id) || "#" + id, position.x, nameY);
  }

  function circle(x, y, radius) {
    pen.beginPath();
    pen.arc(x, y, radius, 0, 2 * Math.PI);
    pen.fill();
  }

  function showScores() {
    const list = document.getElementById("scores");
    const players = [...game.snapshot.players].sort((a, b) => b.score - a.score || a.id - b.id);
    list.replaceChildren(...players.map(player => {
      const item = document.createElement("li");
      item.textContent = `${game.names.get(player.id) || "#" + player.id}: ${player.score}`;
      if (player.id === game.me) {
        item.className = "me";
      }
      return item;
    }));
  }

  function status(text) {
    document.getElementById("status").textContent = text;
  }

  document.getElementById("join").addEventListener("submit", event => {
    event.preventDefault();
    const name = document.getElementById("name").value.trim();
    if (name && game.socket.readyState === WebSocket.OPEN && game.me === null) {
      game.socket.send(JSON.stringify({ type: "join", name }));
      document.getElementById("name").blur();
    }
  });
  document.addEventListener("keydown", event => {
    if (KEYS[event.code] && game.me !== null && event.target.tagName !== "INPUT") {
      game.keys |= KEYS[event.code];
      event.preventDefault();
    }
  });
  document.addEventListener("keyup", event => {
    if (KEYS[event.code]) {
      game.keys &= ~KEYS[event.code];
    }
  });
  window.addEventListener("blur", () => { game.keys = 0; });
  document.getElementById("delay").addEventListener("input", event => {
    game.delay = Number(event.target.value);
    document.getElementById("delay-shown").textContent = `${game.delay} ms`;
  });
  document.getElementById("predict").addEventListener("change", event => { game.predict = event.target.checked; });
  document.getElementById("smooth").addEventListener("change", event => { game.smooth = event.target.checked; });

  connect();
  requestAnimationFrame(draw);
})();
