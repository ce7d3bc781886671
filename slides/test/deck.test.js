// The deck as a whole: every slide has speaker notes, and the pictures it shows are all there.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { IMAGES_DIR, marpSlides, readDeck, REPO_ROOT, SLIDES_DIR } from '../scripts/deck-source.js'

const slides = marpSlides()
const markdown = readDeck()
const pictures = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1])

const title = (slide) => (/<h[12][^>]*>(.*?)<\/h[12]>/s.exec(slide.html)?.[1] ?? '').replace(/<[^>]+>/g, '')

test('every slide has speaker notes for the instructor', () => {
  const silent = slides.filter((slide) => slide.notes.join('').trim() === '')
  assert.deepEqual(
    silent.map((slide) => `slide ${slide.number}: ${title(slide)}`),
    [],
    'add an HTML comment <!-- ... --> with notes to these slides',
  )
})

test('every picture the deck shows exists', () => {
  const missing = pictures.filter((path) => !existsSync(join(SLIDES_DIR, path)))
  assert.deepEqual(missing, [], 'pictures referenced in workshop.md but missing')
})

test('every picture under img/ is shown in the deck', () => {
  const unused = readdirSync(IMAGES_DIR).filter((file) => !pictures.includes(`img/${file}`))
  assert.deepEqual(unused, [], 'pictures under img/ that no slide shows: use them or delete them')
})

test('the "Why WebSockets?" slide shows the chart that the bench writes, and the chart is there', () => {
  // bench/ writes its chart under this name (Bench.CHART); the slide must show that very file.
  const bench = readFileSync(join(REPO_ROOT, 'bench', 'src', 'main', 'java', 'workshop', 'bench', 'Bench.java'), 'utf8')
  const chart = /CHART = "([^"]+)"/.exec(bench)?.[1]
  assert.ok(chart, 'Bench.java names its chart in a constant CHART = "..."')
  const slide = slides.find((s) => title(s) === 'Why WebSockets?')
  assert.ok(slide, 'a slide titled "Why WebSockets?"')
  assert.ok(slide.html.includes(`img/${chart}`), `the "Why WebSockets?" slide shows img/${chart}, the chart bench/ writes`)
  assert.ok(existsSync(join(IMAGES_DIR, chart)),
    `img/${chart} is missing: run the bench (./mvnw -Psolution -Pbench -pl bench -am process-classes) and commit it`)
})
