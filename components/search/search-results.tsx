import { FileAudio } from "lucide-react";
import Link from "next/link";
import { Snippet } from "@/components/search/snippet";
import { LocalTime } from "@/components/shell/local-time";
import { countOf, formatTimestamp } from "@/lib/format";
import type { GroupedSearch } from "@/lib/search/service";

/** Where a hit opens: the job page at that moment, marking the terms, with the way back to these results. */
export function hitHref(jobId: string, q: string, results: string, start?: number): string {
  const params = new URLSearchParams();
  if (start !== undefined) params.set("t", start.toFixed(2));
  params.set("q", q);
  params.set("results", results);
  return `/jobs/${jobId}?${params}`;
}

const RESULT_KEYS = ["q", "tag", "from", "to", "page"];

/** The search page a job page opened from a hit goes back to: only the search's own keys, so the link stays on /search. */
export function resultsHref(q: string, results: string): string {
  const given = new URLSearchParams(results);
  const params = new URLSearchParams();
  for (const key of RESULT_KEYS) {
    const value = given.get(key);
    if (value) params.set(key, value.slice(0, 500));
  }
  if (!params.has("q")) params.set("q", q);
  return `/search?${params}`;
}

export function searchSummary({ totalMatches, totalRecordings, capped }: Pick<GroupedSearch, "totalMatches" | "totalRecordings" | "capped">): string {
  if (capped)
    return `More than ${countOf(totalMatches, "match", "matches")} in ${countOf(totalRecordings, "recording")} or more: add a word or a filter to narrow it down`;
  return `${countOf(totalMatches, "match", "matches")} in ${countOf(totalRecordings, "recording")}`;
}

type Props = { result: GroupedSearch; q: string; results: string };

/** One card per recording: its matches counted, its best few shown by time, the rest on the job page. */
export function SearchResults({ result, q, results }: Props) {
  return (
    <ol className="grid gap-3" data-testid="search-results">
      {result.groups.map((group) => (
        <li key={group.jobId} className="rounded-lg border" data-testid="search-group">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b px-4 py-2.5">
            <FileAudio aria-hidden className="size-4 translate-y-0.5 text-muted-foreground" />
            <Link href={hitHref(group.jobId, q, results)} className="font-medium hover:underline">
              {group.jobTitle}
            </Link>
            <span className="text-xs text-muted-foreground" data-testid="search-group-count">
              {countOf(group.matches, "match", "matches")}
            </span>
            <LocalTime iso={group.createdAt} time={false} className="ml-auto text-xs text-muted-foreground" />
          </div>
          <ol className="grid">
            {group.hits.map((hit) => (
              <li key={hit.segmentId}>
                <Link
                  href={hitHref(hit.jobId, q, results, hit.start)}
                  className="grid grid-cols-[auto_minmax(0,1fr)] gap-3 px-4 py-2 text-sm transition-colors hover:bg-accent"
                  data-testid="search-result"
                >
                  <span className="font-mono text-xs leading-5 text-muted-foreground">{formatTimestamp(hit.start)}</span>
                  <span className="text-muted-foreground">
                    <Snippet text={hit.snippet} />
                  </span>
                </Link>
              </li>
            ))}
          </ol>
          {group.matches > group.hits.length ? (
            <Link href={hitHref(group.jobId, q, results)} className="block border-t px-4 py-2 text-xs font-medium text-primary hover:underline">
              See all {countOf(group.matches, "match", "matches")} in this recording
            </Link>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
