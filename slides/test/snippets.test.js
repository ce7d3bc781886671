// The code on the slides is the code of the solutions: every code block that follows a
// `<!-- snippet: path/from/the/repository/root -->` marker must still be in that file.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { codeBlocks, REPO_ROOT } from '../scripts/deck-source.js'
import { checkQuote } from '../scripts/quote.js'

const blocks = codeBlocks()

describe('snippets on the slides quote the solutions', () => {
  test('the deck has quoted code', () => {
    assert.ok(blocks.some((block) => block.snippet), 'no code block has a <!-- snippet: ... --> marker')
  })

  for (const block of blocks.filter((b) => b.lang === 'java')) {
    test(`workshop.md:${block.line}: the Java code block says which file it quotes`, () => {
      assert.ok(
        block.snippet,
        `workshop.md line ${block.line}: a Java code block needs a <!-- snippet: step-NN-name/src/solution/java/... --> marker on the line before it`,
      )
    })
  }

  for (const block of blocks.filter((b) => b.snippet)) {
    test(`workshop.md:${block.line} quotes ${block.snippet}`, () => {
      assert.ok(block.lang !== undefined || block.lines.length > 0, `workshop.md line ${block.line}: the snippet marker is not followed by a code block`)
      const file = join(REPO_ROOT, block.snippet)
      assert.ok(existsSync(file), `workshop.md line ${block.line}: ${block.snippet} does not exist (moved or renamed?)`)
      const result = checkQuote(block.lines, readFileSync(file, 'utf8'))
      assert.ok(result.ok, `workshop.md line ${block.line}: the code no longer matches ${block.snippet}: ${result.reason}`)
    })
  }
})
