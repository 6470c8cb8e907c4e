// The dashboard's filters as they appear in the URL. Client-safe: no zod here.
export const PAGE_SIZE = 25;

export type Filters = { status: string[]; tag: string; q: string; from: string; to: string };

export function hasFilters(filters: Filters): boolean {
  return filters.status.length > 0 || !!filters.tag || !!filters.q || !!filters.from || !!filters.to;
}

/** The filters as a query string (without page), for links that keep the current view. */
export function filtersToParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length) params.set("status", filters.status.join(","));
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.q) params.set("q", filters.q);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  return params;
}
