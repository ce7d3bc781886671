// Renders the deck and looks at it in a real browser (headless Chrome or Chromium): every slide
// shows something, nothing runs off a slide, every picture loads.
//
// The browser is CHROME_PATH, else the first of chromium, chromium-browser, google-chrome on the
// PATH (see scripts/browser.js), else /usr/bin/chromium.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, openDeck, renderBare } from '../scripts/render.js'

// A pixel of slack for sub-pixel rounding.
const TOLERANCE = 1

let rendered
let browser
let slides

before(async () => {
  rendered = await renderBare()
  browser = await launchBrowser()
  const page = await openDeck(browser, rendered.url)
  slides = await page.evaluate((tolerance) => {
    const describe = (el) => {
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ')
      return `<${el.tagName.toLowerCase()}> ${text.slice(0, 60) || el.getAttribute('src') || ''}`
    }
    return [...document.querySelectorAll('svg[data-marpit-svg] > foreignObject > section')].map((section, index) => {
      const box = section.getBoundingClientRect()
      const problems = []
      if (section.scrollHeight > section.clientHeight + tolerance) {
        problems.push(`content is ${section.scrollHeight - section.clientHeight}px taller than the slide`)
      }
      if (section.scrollWidth > section.clientWidth + tolerance) {
        problems.push(`content is ${section.scrollWidth - section.clientWidth}px wider than the slide`)
      }
      const outside = [...section.querySelectorAll('h1, h2, h3, p, li, pre, table, img, blockquote')].filter((el) => {
        const r = el.getBoundingClientRect()
        if (r.width === 0 && r.height === 0) return false
        return r.left < box.left - tolerance || r.right > box.right + tolerance || r.top < box.top - tolerance || r.bottom > box.bottom + tolerance
      })
      if (outside.length > 0) {
        const more = outside.length > 3 ? ` and ${outside.length - 3} more` : ''
        problems.push(`${outside.slice(0, 3).map(describe).join(', ')}${more} run off the slide`)
      }
      for (const pre of section.querySelectorAll('pre')) {
        if (pre.scrollWidth > pre.clientWidth + tolerance) {
          const longest = [...pre.textContent.split('\n')].sort((a, b) => b.length - a.length)[0]
          problems.push(`a code line is too long for the slide (${pre.scrollWidth - pre.clientWidth}px): ${JSON.stringify(longest.trim())}`)
        }
      }
      for (const img of section.querySelectorAll('img')) {
        if (!img.complete || img.naturalWidth === 0) problems.push(`picture ${img.getAttribute('src')} did not load`)
      }
      const backgrounds = [...section.querySelectorAll('figure')].length
      const content = [...section.children].filter((el) => !['HEADER', 'FOOTER', 'STYLE'].includes(el.tagName))
      const text = content.map((el) => el.textContent).join(' ').trim()
      return {
        number: index + 1,
        title: (section.querySelector('h1, h2')?.textContent || text.slice(0, 40)).trim(),
        hasContent: text.length > 0 || section.querySelectorAll('img').length > 0 || backgrounds > 0,
        problems,
      }
    })
  }, TOLERANCE)
  await page.close()
})

after(async () => {
  await browser?.close()
  rendered?.cleanup()
})

test('the deck renders slides', () => {
  assert.ok(slides.length > 0, 'the rendered deck has no slides')
})

test('every slide has content', () => {
  const empty = slides.filter((slide) => !slide.hasContent).map((slide) => `slide ${slide.number}`)
  assert.deepEqual(empty, [], 'slides with nothing on them')
})

test('nothing overflows a slide, every picture loads', () => {
  const bad = slides
    .filter((slide) => slide.problems.length > 0)
    .map((slide) => `slide ${slide.number} (${slide.title}): ${slide.problems.join('; ')}`)
  assert.deepEqual(bad, [], `slides to fix (render them with npm run build and look at dist/workshop.html)`)
})
