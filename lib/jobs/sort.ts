// The orders the job list can be sorted in. Client-safe and pure: the dashboard's
// column headers read the labels, the job service the comparators.
import type { JobStatus } from "@/lib/jobs/status";

export const JOB_SORTS = ["date", "name", "duration", "status"] as const;
export type JobSort = (typeof JOB_SORTS)[number];
export type SortOrder = "asc" | "desc";

/** Which way a column sorts on its first click: newest, A–Z, longest, and work in progress first. */
export const FIRST_ORDER: Record<JobSort, SortOrder> = { date: "desc", name: "asc", duration: "desc", status: "asc" };

/** Status ascending: what is happening now, then what waits, then what needs a look, then what is done. */
const STATUS_RANK: Record<JobStatus, number> = { processing: 0, queued: 1, failed: 2, cancelled: 3, completed: 4 };

const names = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export type SortKey = { id: string; title: string; status: string; createdAt: Date };

/** For the orders SQLite cannot give directly (names as a person reads them, statuses by meaning); ties go newest first. */
export function compareJobs(sort: "name" | "status", order: SortOrder): (a: SortKey, b: SortKey) => number {
  const sign = order === "asc" ? 1 : -1;
  return (a, b) => {
    const primary = sort === "name" ? names.compare(a.title, b.title) : (STATUS_RANK[a.status as JobStatus] ?? 9) - (STATUS_RANK[b.status as JobStatus] ?? 9);
    return sign * primary || b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  };
}
