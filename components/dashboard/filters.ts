// The dashboard's filters and order as they appear in the URL. Client-safe: no zod here.
import { FIRST_ORDER, type JobSort, type SortOrder } from "@/lib/jobs/sort";

export const PAGE_SIZE = 25;

/** sort and order are "" for the default, newest first (and then stay out of the URL). */
export type Filters = { status: string[]; tag: string; q: string; from: string; to: string; sort: JobSort | ""; order: SortOrder | "" };

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
  if (filters.sort) params.set("sort", filters.sort);
  if (filters.order) params.set("order", filters.order);
  return params;
}

/** The order a list is in, the default filled in. */
export function currentOrder(filters: Pick<Filters, "sort" | "order">): { sort: JobSort; order: SortOrder } {
  const sort = filters.sort || "date";
  return { sort, order: filters.order || FIRST_ORDER[sort] };
}

/**
 * The address that sorts by `sort`: the other way round if the list is already in
 * that order, else that column's first order. Filters stay; the page starts again.
 */
export function sortHref(query: string, current: { sort: JobSort; order: SortOrder }, sort: JobSort, order?: SortOrder): string {
  const params = new URLSearchParams(query);
  const next = order ?? (current.sort === sort ? (current.order === "asc" ? "desc" : "asc") : FIRST_ORDER[sort]);
  params.delete("page");
  if (sort === "date" && next === FIRST_ORDER.date) {
    params.delete("sort");
    params.delete("order");
  } else {
    params.set("sort", sort);
    params.set("order", next);
  }
  const qs = params.toString();
  return qs ? `/?${qs}` : "/";
}
