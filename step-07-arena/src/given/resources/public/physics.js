// The server's rules of movement (Physics.java), in the same integer arithmetic, so that the page
// predicts its own moves exactly where the server will put them. The numbers come in the hello.
"use strict";

const Keys = { UP: 1, DOWN: 2, LEFT: 4, RIGHT: 8 };

const Physics = {
  rules: null,

  configure(rules) {
    Physics.rules = rules;
  },

  /** One input's worth of movement from (x, y): a new {x, y}, kept inside the arena. */
  move(x, y, keys) {
    const r = Physics.rules;
    const dx = (keys & Keys.RIGHT ? 1 : 0) - (keys & Keys.LEFT ? 1 : 0);
    const dy = (keys & Keys.DOWN ? 1 : 0) - (keys & Keys.UP ? 1 : 0);
    let step = Math.trunc(r.speed * r.tickMillis / 1000);
    if (dx !== 0 && dy !== 0) {
      step = Math.trunc(step * 7071 / 10000);
    }
    return {
      x: Math.max(r.radius, Math.min(r.width - r.radius, x + dx * step)),
      y: Math.max(r.radius, Math.min(r.height - r.radius, y + dy * step)),
    };
  },
};
