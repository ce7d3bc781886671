// The quote matcher itself: what the snippet test accepts and what it refuses.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkQuote } from '../scripts/quote.js'

const FILE = `class Echo {
    void onMessage(String text) {
        log(text);

        send(text);
    }

    void onClose() {
        log("closed");
    }
}
`

test('a contiguous quote with less indentation matches', () => {
  assert.deepEqual(checkQuote(['void onMessage(String text) {', '    log(text);'], FILE), { ok: true })
})

test('blank lines in the quote match blank lines in the file', () => {
  assert.ok(checkQuote(['log(text);', '', 'send(text);'], FILE).ok)
})

test('an elision line skips lines, keeping the indentation offset', () => {
  assert.ok(checkQuote(['void onMessage(String text) {', '    // ...', '}', '', 'void onClose() {'], FILE).ok)
  assert.ok(checkQuote(['class Echo {', '    ...', '}'], FILE).ok)
})

test('a changed line is refused and named', () => {
  const result = checkQuote(['void onMessage(String text) {', '    log(text.strip());'], FILE)
  assert.equal(result.ok, false)
  assert.match(result.reason, /log\(text\.strip\(\)\);/)
  assert.match(result.reason, /line 2/)
})

test('lines out of order are refused', () => {
  assert.equal(checkQuote(['send(text);', 'log(text);'], FILE).ok, false)
  assert.equal(checkQuote(['void onClose() {', '...', 'void onMessage(String text) {'], FILE).ok, false)
})

test('a quote whose indentation differs from the file line by line is refused', () => {
  assert.equal(checkQuote(['void onMessage(String text) {', 'log(text);'], FILE).ok, false)
})

test('an empty quote is refused', () => {
  assert.equal(checkQuote([], FILE).ok, false)
  assert.equal(checkQuote(['...'], FILE).ok, false)
})
