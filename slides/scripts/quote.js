// Does a code block on a slide quote a source file faithfully?
//
// The block's lines must appear in the file verbatim and contiguously, ignoring the block's common
// indentation (the file may indent them further, by the same amount for every line) and trailing
// spaces. A line that is only `...` or `// ...` is an elision: it stands for any number of lines
// (zero or more) left out. Lines on both sides of an elision keep the same indentation offset.

export const ELISION = /^\s*(\/\/\s*)?\.\.\.\s*$/

const trimEnd = (line) => line.replace(/\s+$/, '')

function dedent(lines) {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)[0].length)
  const common = indents.length ? Math.min(...indents) : 0
  return lines.map((l) => trimEnd(l.slice(Math.min(common, /^\s*/.exec(l)[0].length))))
}

function segmentsOf(blockLines) {
  const segments = [[]]
  for (const line of dedent(blockLines)) {
    if (ELISION.test(line)) segments.push([])
    else segments[segments.length - 1].push(line)
  }
  return segments.filter((segment) => segment.length > 0)
}

/** The indentation that turns `quoted` into `actual`, or undefined when there is none. */
function padding(quoted, actual) {
  if (!actual.endsWith(quoted)) return undefined
  const pad = actual.slice(0, actual.length - quoted.length)
  return /^\s*$/.test(pad) ? pad : undefined
}

function matchesAt(segment, file, start, pad) {
  if (start + segment.length > file.length) return false
  return segment.every((line, k) => (line === '' ? file[start + k].trim() === '' : file[start + k] === pad + line))
}

function firstPad(segment, file, start) {
  const k = segment.findIndex((line) => line !== '')
  if (k < 0 || start + k >= file.length) return undefined
  return padding(segment[k], file[start + k])
}

function search(segments, file, from, pad) {
  if (segments.length === 0) return true
  const [segment, ...rest] = segments
  for (let start = from; start < file.length; start++) {
    const p = pad ?? firstPad(segment, file, start)
    if (p === undefined) continue
    if (matchesAt(segment, file, start, p) && search(rest, file, start + segment.length, p)) return true
  }
  return false
}

/**
 * Checks a quote. Returns { ok: true } or { ok: false, reason } where the reason names the first
 * quoted line that cannot be found in place, to make a stale slide quick to fix.
 */
export function checkQuote(blockLines, fileText) {
  const file = fileText.split(/\r?\n/).map(trimEnd)
  const segments = segmentsOf(blockLines)
  if (segments.length === 0) return { ok: false, reason: 'the code block is empty' }
  if (search(segments, file, 0, undefined)) return { ok: true }
  return { ok: false, reason: explain(segments, file) }
}

// Names the first part of the quote that is not in the file, with the longest run of its lines
// (from its first) that does match, to make a stale slide quick to fix.
function explain(segments, file) {
  for (const [index, segment] of segments.entries()) {
    if (search([segment], file, 0, undefined)) continue
    const part = segments.length > 1 ? `part ${index + 1} of ${segments.length} (parts are separated by "...")` : 'the quote'
    let best = { matched: 0, at: -1 }
    for (let start = 0; start < file.length; start++) {
      const pad = firstPad(segment, file, start)
      if (pad === undefined) continue
      let matched = 0
      while (matched < segment.length && matchesAt([segment[matched]], file, start + matched, pad)) matched++
      if (matched > best.matched) best = { matched, at: start }
    }
    if (best.at < 0) return `${part}: its first line is not in the file: ${JSON.stringify(segment.find((l) => l !== ''))}`
    const found = file[best.at + best.matched]
    return (
      `${part}: its lines 1-${best.matched} match the file from line ${best.at + 1}, then the slide has ` +
      `${JSON.stringify(segment[best.matched])} where the file has ${JSON.stringify(found ?? '<end of file>')}`
    )
  }
  return 'every part is in the file, but not in this order or not with the same indentation'
}
