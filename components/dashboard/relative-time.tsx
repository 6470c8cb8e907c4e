"use client";

import { useEffect, useState } from "react";
import { formatDateTime, formatRelative } from "@/lib/format";

let now = Date.now();
const subscribers = new Set<(t: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

// One shared clock for every row, instead of a timer per row.
function useMinuteClock(): number {
  // A row mounted between ticks starts from its own moment, not the last tick's.
  const [value, setValue] = useState(() => Math.max(now, Date.now()));
  useEffect(() => {
    subscribers.add(setValue);
    timer ??= setInterval(() => {
      now = Date.now();
      subscribers.forEach((s) => s(now));
    }, 30_000);
    return () => {
      subscribers.delete(setValue);
      if (subscribers.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return value;
}

/** "5 min ago" that keeps itself current. The server's and the browser's clocks and locales differ, hence suppressHydrationWarning. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const clock = useMinuteClock();
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={className} suppressHydrationWarning>
      {formatRelative(iso, clock)}
    </time>
  );
}
