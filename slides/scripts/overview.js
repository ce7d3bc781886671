// npm run overview: overview.png, every slide of the real render as a thumbnail in a grid. The
// repository's README shows it; run this after changing the deck and commit the picture.

import { join } from 'node:path'
import { launchBrowser, openDeck, renderBare, SLIDES_DIR } from './render.js'

const COLUMNS = 6
const THUMB_WIDTH = 320
const GAP = 12

const rendered = await renderBare()
const browser = await launchBrowser()
try {
  const page = await openDeck(browser, rendered.url, { width: COLUMNS * (THUMB_WIDTH + GAP) + GAP, height: 600 })
  const { count, height } = await page.evaluate(
    ({ columns, width, gap }) => {
      const style = document.createElement('style')
      style.textContent = `
        html, body { margin: 0; height: auto !important; overflow: visible !important; background: #cfd8de; }
        body { display: grid; grid-template-columns: repeat(${columns}, ${width}px); gap: ${gap}px; padding: ${gap}px; }
        svg[data-marpit-svg] { display: block; width: ${width}px; height: ${(width * 9) / 16}px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25); }`
      document.head.appendChild(style)
      return { count: document.querySelectorAll('svg[data-marpit-svg]').length, height: document.body.scrollHeight }
    },
    { columns: COLUMNS, width: THUMB_WIDTH, gap: GAP },
  )
  const file = join(SLIDES_DIR, 'overview.png')
  await page.setViewport({ width: COLUMNS * (THUMB_WIDTH + GAP) + GAP, height })
  await page.screenshot({ path: file })
  console.log(`${count} slides -> ${file}`)
} finally {
  await browser.close()
  rendered.cleanup()
}
