// Search params → listJobs query. A bad value (a mistyped date in a shared link) is
// dropped with a message instead of failing the whole page.
import { isJobStatus } from "@/lib/jobs/status";
import { listJobsSchema, type ListJobsQuery } from "@/lib/validation/jobs";
import { PAGE_SIZE, type Filters } from "@/components/dashboard/filters";

export type SearchParams = Record<string, string | string[] | undefined>;

const KEYS = ["status", "tag", "q", "from", "to", "sort", "order", "page"] as const;

export function parseFilters(params: SearchParams): { query: ListJobsQuery; filters: Filters; problems: string[] } {
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first) raw[key] = first;
  }
  const problems: string[] = [];
  let parsed = listJobsSchema.safeParse({ ...raw, limit: PAGE_SIZE });
  while (!parsed.success) {
    const key = parsed.error.issues[0]?.path[0];
    if (typeof key !== "string" || !(key in raw)) {
      parsed = listJobsSchema.safeParse({ limit: PAGE_SIZE });
      break;
    }
    problems.push(`${key === "q" ? "search" : key}: ${parsed.error.issues[0].message}`);
    delete raw[key];
    parsed = listJobsSchema.safeParse({ ...raw, limit: PAGE_SIZE });
  }
  const query = parsed.success ? parsed.data : { limit: PAGE_SIZE };
  return {
    query,
    filters: {
      status: (query.status ?? []).filter(isJobStatus),
      tag: query.tag ?? "",
      q: query.q ?? "",
      from: raw.from && query.from ? raw.from : "",
      to: raw.to && query.to ? raw.to : "",
      sort: query.sort ?? "",
      order: query.order ?? "",
    },
    problems,
  };
}
