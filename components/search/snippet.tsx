import { HIT_END, HIT_START } from "@/lib/search/markers";

/** Renders a search snippet with its hits marked, without ever interpreting the text as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${HIT_START}[^${HIT_END}]*${HIT_END})`, "g"));
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith(HIT_START) ? (
          <mark key={i} className="rounded bg-primary/20 px-0.5 text-foreground">
            {part.slice(1, -1)}
          </mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}
