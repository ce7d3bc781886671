// A Marp (markdown-it) plugin for the snippet markers of the deck.
//
// A code block that quotes the solutions is preceded by a comment such as
//   <!-- snippet: step-02-echo/src/solution/java/workshop/echo/EchoServer.java -->
// Marp would treat that comment as a speaker note. This plugin keeps it out of the notes and shows
// a small caption with the quoted file above the code block instead, so a learner on the slide
// knows which file to open. test/snippets.test.js checks that the code still matches the file.

export const SNIPPET_MARKER = /^snippet:\s*(\S+)\s*$/

export function snippetSource(md) {
  md.core.ruler.before('marpit_collect', 'workshop_snippet_source', (state) => {
    const tokens = []
    for (const token of state.tokens) {
      const marker = token.type === 'marpit_comment' && SNIPPET_MARKER.exec(token.content)
      if (!marker) {
        tokens.push(token)
        continue
      }
      token.meta = { ...token.meta, marpitCommentParsed: 'workshop-snippet' }
      const caption = new state.Token('workshop_snippet_source', '', 0)
      caption.content = marker[1]
      caption.block = true
      tokens.push(token, caption)
    }
    state.tokens = tokens
  })
  md.renderer.rules.workshop_snippet_source = (tokens, idx) =>
    `<p class="snippet-source">${md.utils.escapeHtml(caption(tokens[idx].content))}</p>\n`
}

/** "step-01-handshake/src/solution/java/workshop/handshake/Handshake.java" -> "step-01-handshake · Handshake.java" */
export function caption(path) {
  const parts = path.split('/')
  const file = parts[parts.length - 1]
  return parts.length > 1 ? `${parts[0]} · ${file}` : file
}
