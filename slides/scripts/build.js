// npm run build: the deck as HTML (with presenter view), PDF (notes as annotations) and the
// speaker notes as text, all in dist/. `npm run html` makes the HTML only (no browser needed).

import { cpSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { IMAGES, marp, SLIDES_DIR } from './render.js'

const DIST = join(SLIDES_DIR, 'dist')
const htmlOnly = process.argv.includes('--html')

const started = Date.now()
rmSync(DIST, { recursive: true, force: true })
mkdirSync(DIST, { recursive: true })
cpSync(IMAGES, join(DIST, 'img'), { recursive: true })

await marp('-o', join(DIST, 'workshop.html'))
await marp('--notes', '-o', join(DIST, 'workshop-notes.txt'))
if (!htmlOnly) await marp('--pdf', '-o', join(DIST, 'workshop.pdf'))

console.log(`Rendered to ${DIST} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
