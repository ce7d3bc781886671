// Finds the Chrome or Chromium that renders the deck, on Linux, macOS and Windows.
//
// Order: the CHROME_PATH environment variable (the same one Marp CLI reads), then a browser on the
// PATH, then the usual install places of the platform, then Debian's /usr/bin/chromium.

import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'

const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']

function installPlaces() {
  if (process.platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]
  }
  if (process.platform === 'win32') {
    const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA]
    return roots
      .filter(Boolean)
      .flatMap((root) => [
        join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ])
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
}

function onPath(name) {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : ['']
  for (const dir of (process.env.PATH || '').split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(dir, name + extension)
      if (existsSync(candidate)) return candidate
    }
  }
  return undefined
}

/** The browser's path, or undefined when none is found (Marp CLI then looks for one itself). */
export function findBrowser() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH
  for (const name of ON_PATH) {
    const found = onPath(name)
    if (found) return found
  }
  return installPlaces().find((place) => existsSync(place))
}

/** Flags for a headless browser that also runs as root in a container or on CI. */
export const HEADLESS_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
