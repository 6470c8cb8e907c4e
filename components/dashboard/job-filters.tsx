"use client";

import { LoaderCircle, Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { TagView } from "@/components/tags/tag-colors";
import { STATUSES, statusLabel } from "@/components/dashboard/job-status-cell";
import { filtersToParams, hasFilters, type Filters } from "@/components/dashboard/filters";
import { cn } from "@/lib/utils";

type JobFiltersProps = { filters: Filters; tags: TagView[]; children?: ReactNode };

/** Status, tag, dates and file-name search, all in the URL so a view survives reload and can be shared. */
export function JobFilters({ filters, tags, children }: JobFiltersProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(filters.q);
  const [urlQ, setUrlQ] = useState(filters.q);
  if (urlQ !== filters.q) {
    // The URL changed under us (Clear filters, back button): show what it says.
    setUrlQ(filters.q);
    setQ(filters.q);
  }

  function go(next: Filters, replace = false) {
    const qs = filtersToParams(next).toString();
    const url = qs ? `/?${qs}` : "/";
    startTransition(() => (replace ? router.replace(url, { scroll: false }) : router.push(url, { scroll: false })));
  }

  // Typing searches after a pause, and replaces history rather than adding a step per key.
  // Only q starts the timer; when it fires, the filters of that moment are used.
  const search = useEffectEvent((text: string) => {
    if (text !== filters.q) go({ ...filters, q: text }, true);
  });
  useEffect(() => {
    const text = q.trim();
    const timer = setTimeout(() => search(text), 300);
    return () => clearTimeout(timer);
  }, [q]);

  const toggleStatus = (status: string) =>
    go({ ...filters, status: filters.status.includes(status) ? filters.status.filter((s) => s !== status) : [...filters.status, status] });

  return (
    <div className="grid gap-3" role="search" aria-label="Filter jobs">
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative min-w-48 flex-[2_1_14rem]">
          <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Search file names"
            aria-label="Search by file name"
            className="pl-8 pr-8"
            maxLength={200}
          />
          {pending ? (
            <LoaderCircle aria-label="Loading" className="absolute right-2.5 top-1/2 size-4 -translate-y-1/2 animate-spin text-muted-foreground" />
          ) : null}
        </div>
        <NativeSelect
          aria-label="Tag"
          wrapperClassName="flex-[1_1_9rem]"
          value={tags.some((t) => t.id === filters.tag) ? filters.tag : ""}
          onChange={(e) => go({ ...filters, tag: e.target.value })}
        >
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </NativeSelect>
        <DateField label="From" value={filters.from} max={filters.to} onChange={(from) => go({ ...filters, from })} />
        <DateField label="To" value={filters.to} min={filters.from} onChange={(to) => go({ ...filters, to })} />
        {children}
      </div>
      <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Status">
        <FilterChip pressed={filters.status.length === 0} onClick={() => go({ ...filters, status: [] })}>
          All
        </FilterChip>
        {STATUSES.map((status) => (
          <FilterChip key={status} pressed={filters.status.includes(status)} onClick={() => toggleStatus(status)}>
            {statusLabel(status)}
          </FilterChip>
        ))}
        {hasFilters(filters) ? (
          <Button variant="ghost" size="sm" className="ml-auto h-7" onClick={() => go({ ...filters, status: [], tag: "", q: "", from: "", to: "" })}>
            <X /> Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function FilterChip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={cn(
        "h-7 rounded-full border px-3 text-xs font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        pressed ? "border-primary bg-primary text-primary-foreground" : "bg-background text-muted-foreground hover:bg-accent hover:text-foreground",
      )}
    >
      {children}
    </button>
  );
}

/** A date input with its label inside the same box, so the filter row stays one line high. */
function DateField({ label, value, min, max, onChange }: { label: string; value: string; min?: string; max?: string; onChange: (value: string) => void }) {
  return (
    <label className="flex h-9 flex-[1_1_10rem] items-center gap-2 rounded-md border border-input bg-background pl-3 text-xs text-muted-foreground shadow-sm focus-within:ring-2 focus-within:ring-ring">
      {label}
      <input
        type="date"
        value={value}
        min={min || undefined}
        max={max || undefined}
        onChange={(e) => onChange(e.target.value)}
        className="h-full min-w-0 flex-1 rounded-md bg-transparent pr-2 text-sm text-foreground focus:outline-none"
      />
    </label>
  );
}
