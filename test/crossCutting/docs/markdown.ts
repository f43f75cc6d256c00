// Just enough Markdown for the docs tests: fenced TypeScript blocks, relative links and GitHub's heading anchors.

export interface Snippet {
  /** The Markdown file, relative to the repository root. */
  file: string
  /** The line of the opening fence (1-based). */
  line: number
  lang: 'ts' | 'tsx'
  code: string
  /**
   * Set when the block is marked `<!-- snippet: skip REASON -->` on the line before its fence (blank lines
   * between allowed): the reason, which must not be empty.
   */
  skip?: string
}

const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)/
const SKIP_MARK = /^<!--\s*snippet:\s*skip\b(.*?)-->\s*$/

/** The lines of `text` outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): Array<{ text: string; line: number }> {
  const result: Array<{ text: string; line: number }> = []
  let fence: string | undefined
  text.split('\n').forEach((line, index) => {
    const match = FENCE.exec(line)
    if (fence === undefined && match) fence = match[1]!
    else if (fence !== undefined && line.trim().startsWith(fence)) fence = undefined
    else if (fence === undefined) result.push({ text: line, line: index + 1 })
  })
  return result
}

export function extractSnippets(file: string, text: string): Snippet[] {
  const lines = text.split('\n')
  const snippets: Snippet[] = []
  for (let i = 0; i < lines.length; i++) {
    const match = FENCE.exec(lines[i]!)
    if (!match) continue
    const fence = match[1]!
    const end = lines.findIndex((line, j) => j > i && line.trim().startsWith(fence))
    if (end === -1) throw new Error(`${file}:${i + 1}: a code block that never closes.`)
    const lang = match[2]
    if (lang === 'ts' || lang === 'tsx') {
      let before = i - 1
      while (before >= 0 && lines[before]!.trim() === '') before--
      const mark = before >= 0 ? SKIP_MARK.exec(lines[before]!.trim()) : null
      snippets.push({
        file,
        line: i + 1,
        lang,
        code: lines.slice(i + 1, end).join('\n'),
        ...(mark ? { skip: mark[1]!.replace(/^[\s:—–-]+/, '').trim() } : {}),
      })
    }
    i = end
  }
  return snippets
}

/** Links such as `[text](docs/x.md#part)` that point inside the repository (not `https:` and the like). */
export function relativeLinks(text: string): Array<{ target: string; line: number }> {
  const links: Array<{ target: string; line: number }> = []
  for (const { text: line, line: number } of proseLines(text)) {
    const prose = line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length))
    for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ target, line: number })
    }
  }
  return links
}

/** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingAnchors(text: string): string[] {
  const seen = new Map<string, number>()
  return proseLines(text)
    .map(({ text: line }) => /^#{1,6}\s+(.*)$/.exec(line)?.[1])
    .filter((heading): heading is string => heading !== undefined)
    .map((heading) => {
      const slug = heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-')
      const count = seen.get(slug) ?? 0
      seen.set(slug, count + 1)
      return count === 0 ? slug : `${slug}-${count}`
    })
}
