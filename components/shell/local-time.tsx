"use client";

import { useSyncExternalStore } from "react";
import { formatDate, formatDateTime, formatRelative } from "@/lib/format";

const subscribe = () => () => {};

/**
 * A date in the reader's own time zone and locale, written the one way every page
 * writes dates (lib/format.ts). The server knows neither, so its render, and the
 * first one in the browser, show the same date in UTC until the page hydrates.
 */
export function LocalTime({ iso, time = true, relative = false, className }: { iso: string; time?: boolean; relative?: boolean; className?: string }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const format = time ? formatDateTime : formatDate;
  const text = hydrated ? format(iso) : `${format(iso, "UTC", "en-GB")}${time ? " UTC" : ""}`;
  return (
    <time dateTime={iso} title={hydrated ? formatDateTime(iso) : undefined} className={className}>
      {text}
      {relative && hydrated ? <span className="text-muted-foreground"> · {formatRelative(iso)}</span> : null}
    </time>
  );
}
