// Task 5: the two tricks that make a game over a network feel instant (Gabriel Gambetta's
// "Fast-Paced Multiplayer"). game.js calls them; the browser test calls them too.
"use strict";

/** How far in the past the others are drawn: two ticks, so there is nearly always a snapshot on each side. */
const INTERPOLATION_DELAY_MS = 100;

/**
 * Your own dot. A snapshot says where the server put you after your input number `server.lastInput`;
 * the inputs you sent after it are still on their way, or waiting for the next tick. Keep those,
 * forget the rest, and replay them from the server's position: the page shows now where the server
 * will put you a round trip later.
 *
 * server: {x, y, lastInput}; pending: [{seq, keys}], oldest first. Returns {x, y, pending}.
 */
function reconcile(server, pending) {
  const unacknowledged = pending.filter(input => input.seq > server.lastInput);
  let position = { x: server.x, y: server.y };
  for (const input of unacknowledged) {
    position = Physics.move(position.x, position.y, input.keys);
  }
  return { x: position.x, y: position.y, pending: unacknowledged };
}

/**
 * Someone else, as they were at renderTime (INTERPOLATION_DELAY_MS ago): between the two samples
 * around it, in proportion to the time. Before the first sample: the first; after the last: the last
 * (never a guess ahead). No samples: null.
 *
 * samples: [{t, x, y}], oldest first, t in milliseconds (performance.now()).
 */
function interpolate(samples, renderTime) {
  if (samples.length === 0) {
    return null;
  }
  if (renderTime <= samples[0].t) {
    return { x: samples[0].x, y: samples[0].y };
  }
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1];
    const after = samples[i];
    if (renderTime <= after.t) {
      const f = (renderTime - before.t) / (after.t - before.t);
      return { x: before.x + (after.x - before.x) * f, y: before.y + (after.y - before.y) * f };
    }
  }
  const last = samples[samples.length - 1];
  return { x: last.x, y: last.y };
}
