import { Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Snippet } from "@/components/search/snippet";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { requirePageUser } from "@/lib/auth/session";
import { formatTimestamp } from "@/lib/format";
import { countJobs } from "@/lib/jobs/service";
import { searchTranscripts } from "@/lib/search/service";
import { listTags } from "@/lib/tags/service";
import { searchSchema } from "@/lib/validation/jobs";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function pageLink(params: Record<string, string>, page: number): string {
  return `/search?${new URLSearchParams({ ...params, page: String(page) })}`;
}

export default async function SearchPage({ searchParams }: Props) {
  const user = await requirePageUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const parsed = raw.q ? searchSchema.safeParse(raw) : null;
  const [tags, completed, results] = await Promise.all([
    listTags(user.id),
    countJobs(user.id, "completed"),
    parsed?.success ? searchTranscripts(user.id, parsed.data) : null,
  ]);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
        <p className="text-sm text-muted-foreground">
          Find a word or phrase across every transcript. Use &quot;quotes&quot; for a phrase and word* for words starting with it.
        </p>
      </div>
      <form action="/search" className="flex flex-wrap items-end gap-3" role="search">
        <div className="min-w-64 flex-1">
          <Input
            name="q"
            type="search"
            defaultValue={raw.q ?? ""}
            placeholder='e.g. budget, "next quarter", transcri*'
            aria-label="Search transcripts"
            autoFocus
          />
        </div>
        <select name="tag" defaultValue={raw.tag ?? ""} aria-label="Tag" className="h-9 rounded-md border border-input bg-background px-3 text-sm">
          <option value="">All tags</option>
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </select>
        <Input name="from" type="date" defaultValue={raw.from ?? ""} aria-label="From date" className="w-40" />
        <Input name="to" type="date" defaultValue={raw.to ?? ""} aria-label="To date" className="w-40" />
        <Button type="submit">
          <Search />
          Search
        </Button>
      </form>
      {parsed && !parsed.success ? <p className="text-sm text-destructive">{parsed.error.issues[0]?.message}</p> : null}
      {completed === 0 ? (
        <EmptyState icon={<Search />} title="Nothing to search yet">
          Once a recording has been transcribed, its text is searchable here, and a result opens the recording at the moment it was said.
        </EmptyState>
      ) : results ? (
        results.hits.length === 0 ? (
          <EmptyState icon={<Search />} title="No matches">
            Nothing in your transcripts matches that. Try fewer words, a prefix such as plan*, or remove the filters.
          </EmptyState>
        ) : (
          <div className="grid gap-3">
            <ol className="grid gap-2" data-testid="search-results">
              {results.hits.map((hit) => (
                <li key={hit.segmentId}>
                  <Link
                    href={`/jobs/${hit.jobId}?t=${hit.start.toFixed(2)}`}
                    className="block rounded-lg border px-4 py-3 transition-colors hover:bg-accent"
                    data-testid="search-result"
                  >
                    <div className="flex items-baseline justify-between gap-3 text-sm">
                      <span className="font-medium">{hit.jobTitle}</span>
                      <span className="font-mono text-xs text-muted-foreground">{formatTimestamp(hit.start)}</span>
                    </div>
                    <p className="mt-1 text-sm text-muted-foreground">
                      <Snippet text={hit.snippet} />
                    </p>
                  </Link>
                </li>
              ))}
            </ol>
            <div className="flex gap-2">
              {results.page > 1 ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={pageLink(raw, results.page - 1)}>Previous</Link>
                </Button>
              ) : null}
              {results.hasMore ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={pageLink(raw, results.page + 1)}>Next</Link>
                </Button>
              ) : null}
            </div>
          </div>
        )
      ) : null}
    </div>
  );
}
