// Reads the deck's Markdown for the tests: its code blocks with their snippet markers, and the
// slides as Marp itself sees them (with the deck's own engine plugin).

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Marp } from '@marp-team/marp-core'
import config from '../marp.config.mjs'
import { snippetSource } from './snippet-source.js'
import { DECK, SLIDES_DIR } from './render.js'

export { DECK, SLIDES_DIR }
export const REPO_ROOT = dirname(SLIDES_DIR)
export const IMAGES_DIR = join(SLIDES_DIR, 'img')

const MARKER = /^\s*<!--\s*snippet:\s*(\S+)\s*-->\s*$/
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/

export function readDeck() {
  return readFileSync(DECK, 'utf8')
}

/**
 * Every fenced code block of the deck: { line (1-based, of the opening fence), lang, lines,
 * snippet (the marker's path, or undefined) }. A marker must be followed by a code block; a
 * marker that is not is returned as { line, lang: undefined, snippet, lines: [] }.
 */
export function codeBlocks(markdown = readDeck()) {
  const source = markdown.split(/\r?\n/)
  const blocks = []
  let pendingMarker
  for (let i = 0; i < source.length; i++) {
    const marker = MARKER.exec(source[i])
    if (marker) {
      if (pendingMarker) blocks.push({ line: pendingMarker.line, snippet: pendingMarker.path, lines: [] })
      pendingMarker = { line: i + 1, path: marker[1] }
      continue
    }
    const fence = FENCE.exec(source[i])
    if (!fence) {
      if (pendingMarker && source[i].trim() !== '') {
        blocks.push({ line: pendingMarker.line, snippet: pendingMarker.path, lines: [] })
        pendingMarker = undefined
      }
      continue
    }
    const [, indent, mark, lang] = fence
    const closing = new RegExp(`^\\s*${mark[0] === '`' ? '`' : '~'}{${mark.length},}\\s*$`)
    const lines = []
    let j = i + 1
    while (j < source.length && !closing.test(source[j])) lines.push(source[j++].slice(indent.length))
    blocks.push({ line: i + 1, lang: lang || undefined, lines, snippet: pendingMarker?.path })
    pendingMarker = undefined
    i = j
  }
  if (pendingMarker) blocks.push({ line: pendingMarker.line, snippet: pendingMarker.path, lines: [] })
  return blocks
}

/** The deck as Marp renders it: one entry per slide with its HTML and its speaker notes. */
export function marpSlides(markdown = readDeck()) {
  const marp = new Marp({ html: config.html, ...config.options }).use(snippetSource)
  const { html, comments } = marp.render(markdown, { htmlAsArray: true })
  return html.map((slideHtml, index) => ({ number: index + 1, html: slideHtml, notes: comments[index] }))
}
