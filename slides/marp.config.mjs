// Marp CLI reads this file for every render: `npm run build`, the render check, the overview.
import { snippetSource } from './scripts/snippet-source.js'

export default {
  // Raw HTML in the deck stays off: everything is Markdown, so it reads well on a code host too.
  html: false,
  // The PDF needs the pictures under img/, which are local files.
  allowLocalFiles: true,
  themeSet: ['theme'],
  // A line break in the Markdown is not a line break on the slide: write paragraphs as you like.
  options: { markdown: { breaks: false } },
  // PDF pages carry the speaker notes as annotations, and an outline from the headings.
  pdfNotes: true,
  pdfOutlines: { pages: true, headings: false },
  engine: ({ marp }) => marp.use(snippetSource),
}
