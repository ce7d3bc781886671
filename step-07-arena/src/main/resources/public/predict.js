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
  // TODO 5: keep the inputs with seq above server.lastInput, and replay them from the server's x, y with Physics.move
  return { x: server.x, y: server.y, pending: pending };
}

/**
 * Someone else, as they were at renderTime (INTERPOLATION_DELAY_MS ago): between the two samples
 * around it, in proportion to the time. Before the first sample: the first; after the last: the last
 * (never a guess ahead). No samples: null.
 *
 * samples: [{t, x, y}], oldest first, t in milliseconds (performance.now()).
 */
function interpolate(samples, renderTime) {
  // TODO 5: find the two samples around renderTime and mix their x and y in proportion to the time
  return samples.length === 0 ? null : { x: samples[samples.length - 1].x, y: samples[samples.length - 1].y };
}
