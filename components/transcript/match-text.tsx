import { Fragment, type ReactNode } from "react";

type MatchTextProps = { text: string; ranges: [number, number][]; replacement: string | null };

/**
 * A segment's text with the matches marked; with a replacement, each match is shown
 * struck through and followed by what will take its place.
 */
export function MatchText({ text, ranges, replacement }: MatchTextProps) {
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([from, to], i) => {
    if (from > at) parts.push(text.slice(at, from));
    const found = text.slice(from, to);
    parts.push(
      replacement === null ? (
        <mark key={i} className="rounded-sm bg-primary/20 px-0.5 text-foreground">
          {found}
        </mark>
      ) : (
        <Fragment key={i}>
          <del className="rounded-sm bg-destructive/15 px-0.5 text-destructive decoration-destructive/70">{found}</del>
          {replacement ? <ins className="rounded-sm bg-success/15 px-0.5 text-success no-underline">{replacement}</ins> : null}
        </Fragment>
      ),
    );
    at = to;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
