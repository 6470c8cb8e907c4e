import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/utils";

type PaginationProps = { page: number; pageCount: number; total: number; pageSize: number; params: URLSearchParams };

/** 1 … 4 5 [6] 7 8 … 400: the ends and a window around the current page. */
function pageNumbers(page: number, count: number): (number | "gap")[] {
  const wanted = new Set([1, count, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= count));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1] > 1) out.push(n - sorted[i - 1] === 2 ? n - 1 : "gap");
    out.push(n);
  });
  return out;
}

const item = "inline-flex h-8 min-w-8 items-center justify-center gap-1 rounded-md px-2 text-sm tabular-nums transition-colors";

export function Pagination({ page, pageCount, total, pageSize, params }: PaginationProps) {
  const href = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 1) next.set("page", String(n));
    else next.delete("page");
    const qs = next.toString();
    return qs ? `/?${qs}` : "/";
  };
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pages" className="flex flex-col items-center justify-between gap-3 sm:flex-row">
      <p className="text-sm text-muted-foreground" data-testid="job-count">
        {total === 0 ? "No jobs" : `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${total.toLocaleString("en")} jobs`}
      </p>
      {pageCount > 1 ? (
        <ul className="flex flex-wrap items-center gap-1">
          <li>
            {page > 1 ? (
              <Link href={href(page - 1)} className={cn(item, "hover:bg-accent")} rel="prev">
                <ChevronLeft className="size-4" /> <span className="hidden sm:inline">Previous</span>
              </Link>
            ) : (
              <span className={cn(item, "opacity-40")} aria-disabled>
                <ChevronLeft className="size-4" /> <span className="hidden sm:inline">Previous</span>
              </span>
            )}
          </li>
          {pageNumbers(page, pageCount).map((n, i) =>
            n === "gap" ? (
              <li key={`gap-${i}`} aria-hidden className="px-1 text-muted-foreground">
                …
              </li>
            ) : (
              <li key={n}>
                <Link
                  href={href(n)}
                  aria-current={n === page ? "page" : undefined}
                  aria-label={`Page ${n}`}
                  className={cn(item, n === page ? "bg-primary text-primary-foreground" : "hover:bg-accent")}
                >
                  {n}
                </Link>
              </li>
            ),
          )}
          <li>
            {page < pageCount ? (
              <Link href={href(page + 1)} className={cn(item, "hover:bg-accent")} rel="next">
                <span className="hidden sm:inline">Next</span> <ChevronRight className="size-4" />
              </Link>
            ) : (
              <span className={cn(item, "opacity-40")} aria-disabled>
                <span className="hidden sm:inline">Next</span> <ChevronRight className="size-4" />
              </span>
            )}
          </li>
        </ul>
      ) : null}
    </nav>
  );
}
