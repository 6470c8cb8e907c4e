// Turns what a person types into a safe FTS5 query. Supported: words (all must
// match), "quoted phrases", prefix* matching, and OR between terms. Everything else
// FTS5 would treat as syntax (column filters, NEAR, parentheses, ^) is neutralised
// by quoting each term, so no input can cause a syntax error or an expensive query.

const MAX_TERMS = 12;

/** One term as the transcript shows it: its words in order, and whether the last one is a prefix. */
export type TermPattern = { words: string[]; prefix: boolean };

export type ParsedQuery = { fts: string; terms: string[]; patterns: TermPattern[] } | null;

/** Split as FTS5's unicode61 tokenizer does: letters and digits make words, everything else separates them. */
function tokens(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export function toFtsQuery(input: string): ParsedQuery {
  const parts: string[] = [];
  const terms: string[] = [];
  const patterns: TermPattern[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  let match: RegExpExecArray | null;
  let pendingOr = false;
  while ((match = pattern.exec(input.slice(0, 500))) && parts.length < MAX_TERMS) {
    if (match[1] !== undefined) {
      const phrase = match[1].replace(/[^\p{L}\p{N}\s'’-]/gu, " ").trim();
      if (!phrase) continue;
      parts.push(`${pendingOr && parts.length ? "OR " : ""}${quote(phrase)}`);
      terms.push(phrase);
      patterns.push({ words: tokens(phrase), prefix: false });
    } else {
      const raw = match[2];
      if (raw === "OR" || raw === "|") {
        pendingOr = true;
        continue;
      }
      const prefix = raw.endsWith("*");
      const word = raw.replace(/[^\p{L}\p{N}'’-]/gu, "");
      if (!word) continue;
      // A one-letter prefix would match most of the index; treat it as a word.
      parts.push(`${pendingOr && parts.length ? "OR " : ""}${quote(word)}${prefix && word.length >= 2 ? "*" : ""}`);
      terms.push(word);
      patterns.push({ words: tokens(word), prefix: prefix && word.length >= 2 });
    }
    pendingOr = false;
  }
  if (parts.length === 0) return null;
  return { fts: parts.join(" "), terms, patterns: patterns.filter((p) => p.words.length > 0) };
}
