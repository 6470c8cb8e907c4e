import { Fragment, type ReactNode } from "react";
import { cn } from "@/lib/utils";

type MatchTextProps = {
  text: string;
  ranges: [number, number][];
  replacement: string | null;
  /** Where the current match starts (the one Replace acts on), marked more strongly. */
  current?: number | null;
};

/**
 * A segment's text with the matches marked; with a replacement, each match is shown
 * struck through and followed by what will take its place.
 */
export function MatchText({ text, ranges, replacement, current = null }: MatchTextProps) {
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([from, to], i) => {
    if (from > at) parts.push(text.slice(at, from));
    const found = text.slice(from, to);
    parts.push(
      replacement === null ? (
        <mark
          key={i}
          data-find-match
          data-current-match={from === current || undefined}
          className={cn("rounded-sm bg-primary/20 px-0.5 text-foreground", from === current && "bg-primary/35 ring-2 ring-primary")}
        >
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
