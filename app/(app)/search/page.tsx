import { Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SearchResults, searchSummary } from "@/components/search/search-results";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { requirePageUser } from "@/lib/auth/session";
import { countJobs } from "@/lib/jobs/service";
import { searchByRecording } from "@/lib/search/service";
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
    parsed?.success ? searchByRecording(user.id, parsed.data) : null,
  ]);
  const back = new URLSearchParams(raw).toString();
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
        <p className="text-sm text-muted-foreground">
          Find a word or phrase across every transcript. Use &quot;quotes&quot; for a phrase and word* for words starting with it.
        </p>
      </div>
      <form action="/search" className="flex flex-wrap items-end gap-3" role="search" aria-label="Transcript search">
        <div className="min-w-64 flex-[2_1_16rem]">
          <Input
            name="q"
            type="search"
            defaultValue={raw.q ?? ""}
            placeholder='e.g. budget, "next quarter", transcri*'
            aria-label="Search transcripts"
            aria-keyshortcuts="/"
            data-search-field
            autoFocus
          />
        </div>
        <NativeSelect name="tag" defaultValue={raw.tag ?? ""} aria-label="Tag" wrapperClassName="flex-[1_1_9rem]">
          <option value="">Any tag</option>
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </NativeSelect>
        <DateField name="from" label="From" value={raw.from} />
        <DateField name="to" label="To" value={raw.to} />
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
        results.groups.length === 0 ? (
          <EmptyState icon={<Search />} title="No matches">
            Nothing in your transcripts matches that. Try fewer words, a prefix such as plan*, or remove the filters.
          </EmptyState>
        ) : (
          <div className="grid gap-3">
            <p className="text-sm font-medium" role="status" data-testid="search-summary">
              {searchSummary(results)}
            </p>
            <SearchResults result={results} q={raw.q ?? ""} results={back} />
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

/** A date input with its label in the same box, as on the dashboard's filters. */
function DateField({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <label className="flex h-9 flex-[1_1_11rem] items-center gap-2 rounded-md border border-input bg-background pl-3 text-xs text-muted-foreground shadow-sm focus-within:ring-2 focus-within:ring-ring">
      {label}
      <input
        name={name}
        type="date"
        defaultValue={value ?? ""}
        className="h-full min-w-0 flex-1 rounded-md bg-transparent pr-2 text-sm text-foreground focus:outline-none"
      />
    </label>
  );
}
