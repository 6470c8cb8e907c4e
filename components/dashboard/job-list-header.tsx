"use client";

import { ArrowDown, ArrowUp, ChevronsUpDown, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";
import { sortHref } from "@/components/dashboard/filters";
import { ROW_GRID } from "@/components/dashboard/job-row";
import { FIRST_ORDER, type JobSort, type SortOrder } from "@/lib/jobs/sort";

type Order = { sort: JobSort; order: SortOrder };

/** How each order reads, for the phone's menu and the column links' labels. */
const ORDER_NAMES: Record<JobSort, Record<SortOrder, string>> = {
  date: { desc: "Newest first", asc: "Oldest first" },
  name: { asc: "Name, A to Z", desc: "Name, Z to A" },
  duration: { desc: "Longest first", asc: "Shortest first" },
  status: { asc: "Status, running first", desc: "Status, completed first" },
};

type Props = {
  allSelected: boolean;
  someSelected: boolean;
  onSelectAll: (on: boolean) => void;
  connected: boolean | null;
  finishedCount: number;
  onClearFinished: () => void;
  pending: boolean;
  /** The list's filters as a query string, kept by the sort links. */
  query: string;
  order: Order;
};

/** A column label that sorts by it; the arrow shows the current direction. */
function SortLink({ label, sort, query, order }: { label: string; sort: JobSort; query: string; order: Order }) {
  const active = order.sort === sort;
  const Icon = active ? (order.order === "asc" ? ArrowUp : ArrowDown) : ChevronsUpDown;
  const next = active ? (order.order === "asc" ? "desc" : "asc") : undefined;
  const nextName = ORDER_NAMES[sort][next ?? FIRST_ORDER[sort]];
  return (
    <Link
      href={sortHref(query, order, sort)}
      scroll={false}
      data-testid={`sort-${sort}`}
      data-sorted={active ? order.order : undefined}
      aria-label={`${label}${active ? `, sorted ${ORDER_NAMES[sort][order.order].toLowerCase()}` : ""}. Sort ${nextName.toLowerCase()}`}
      className={cn(
        "hidden w-fit items-center gap-1 rounded-sm hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring md:inline-flex",
        active && "text-foreground",
      )}
    >
      {label}
      <Icon aria-hidden className={cn("size-3.5", !active && "opacity-60")} />
    </Link>
  );
}

function LiveDot({ connected }: { connected: boolean | null }) {
  if (connected === null) return null;
  return (
    <span
      className="flex items-center gap-1.5 text-xs text-muted-foreground"
      title={connected ? "Progress updates arrive live." : "Lost the connection to the server; reconnecting by itself."}
    >
      <span aria-hidden className={cn("size-2 rounded-full", connected ? "bg-success" : "animate-pulse bg-amber-500")} />
      {connected ? "Live" : "Reconnecting…"}
    </span>
  );
}

/** Select-all, the live indicator, tags and "move finished to trash"; on wide screens also the column labels. */
export function JobListHeader({ allSelected, someSelected, onSelectAll, connected, finishedCount, onClearFinished, pending, query, order }: Props) {
  const router = useRouter();
  const checkbox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (checkbox.current) checkbox.current.indeterminate = someSelected && !allSelected;
  }, [someSelected, allSelected]);
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold">Jobs</h2>
        <LiveDot connected={connected} />
        {/* Phones have no column labels to click: the same orders in a menu. */}
        <NativeSelect
          aria-label="Sort jobs"
          wrapperClassName="md:hidden"
          className="h-8 text-xs"
          value={`${order.sort}:${order.order}`}
          onChange={(e) => {
            const [sort, direction] = e.target.value.split(":") as [JobSort, SortOrder];
            router.push(sortHref(query, order, sort, direction), { scroll: false });
          }}
        >
          {(Object.keys(ORDER_NAMES) as JobSort[]).flatMap((sort) =>
            (Object.keys(ORDER_NAMES[sort]) as SortOrder[]).map((direction) => (
              <option key={`${sort}:${direction}`} value={`${sort}:${direction}`}>
                {ORDER_NAMES[sort][direction]}
              </option>
            )),
          )}
        </NativeSelect>
        <Button
          variant="outline"
          size="sm"
          onClick={onClearFinished}
          disabled={pending || finishedCount === 0}
          title="Move every completed, failed and cancelled job in the library to the trash"
        >
          <Trash2 />
          Move finished to trash…
        </Button>
      </div>
      <div className={cn(ROW_GRID, "px-3 text-xs font-medium text-muted-foreground")}>
        <label className="flex items-center gap-3 md:contents">
          <input
            ref={checkbox}
            type="checkbox"
            className="size-4 accent-[var(--primary)]"
            checked={allSelected}
            onChange={(e) => onSelectAll(e.target.checked)}
            aria-label="Select all jobs on this page"
          />
          <span className="md:hidden">Select all on this page</span>
        </label>
        <SortLink label="Recording" sort="name" query={query} order={order} />
        <SortLink label="Status" sort="status" query={query} order={order} />
        <SortLink label="Duration" sort="duration" query={query} order={order} />
        <SortLink label="Added" sort="date" query={query} order={order} />
        <span className="hidden w-8 md:block" />
      </div>
    </div>
  );
}
