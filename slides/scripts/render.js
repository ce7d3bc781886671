// Shared by the build, the render check and the overview: run Marp CLI on the deck, open a page.

import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { marpCli } from '@marp-team/marp-cli'
import puppeteer from 'puppeteer-core'
import { findBrowser, HEADLESS_FLAGS } from './browser.js'

export const SLIDES_DIR = dirname(dirname(fileURLToPath(import.meta.url)))
export const DECK = join(SLIDES_DIR, 'workshop.md')
export const CONFIG = join(SLIDES_DIR, 'marp.config.mjs')
export const IMAGES = join(SLIDES_DIR, 'img')

/** Runs Marp CLI on the deck with the deck's configuration; throws when it fails. */
export async function marp(...args) {
  const browser = findBrowser()
  const browserArgs = browser ? ['--browser-path', browser] : []
  const status = await marpCli(['--config-file', CONFIG, ...browserArgs, ...args, DECK])
  if (status !== 0) throw new Error(`marp ${args.join(' ')} exited with ${status}`)
}

/**
 * Renders the deck with Marp's "bare" template (every slide laid out, one after the other) into a
 * temporary folder with the pictures beside it. Returns the page's file URL and a cleanup function.
 */
export async function renderBare() {
  const dir = mkdtempSync(join(tmpdir(), 'workshop-slides-'))
  cpSync(IMAGES, join(dir, 'img'), { recursive: true })
  const html = join(dir, 'workshop.html')
  await marp('--template', 'bare', '-o', html)
  return { url: pathToFileURL(html).href, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Starts the system's Chrome or Chromium headless. */
export function launchBrowser() {
  return puppeteer.launch({
    executablePath: findBrowser() ?? '/usr/bin/chromium',
    headless: true,
    args: HEADLESS_FLAGS,
  })
}

/** Opens a rendered deck and waits until its fonts and pictures are there. */
export async function openDeck(browser, url, viewport = { width: 1280, height: 720 }) {
  const page = await browser.newPage()
  await page.setViewport(viewport)
  await page.goto(url, { waitUntil: 'load' })
  await page.evaluate(async () => {
    await document.fonts.ready
    await Promise.all(
      [...document.images].map((img) =>
        img.complete
          ? null
          : new Promise((done) => {
              img.addEventListener('load', done, { once: true })
              img.addEventListener('error', done, { once: true })
            }),
      ),
    )
  })
  return page
}
