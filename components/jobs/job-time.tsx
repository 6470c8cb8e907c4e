"use client";

import { useSyncExternalStore } from "react";
import { formatRelative } from "@/lib/format";

const subscribe = () => () => {};

/**
 * A date in the reader's own time zone and locale. The server does not know them,
 * so its render shows UTC until the page hydrates.
 */
export function JobTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  const text = hydrated ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={date.toISOString()}>
      {text}
      {relative && hydrated ? <span className="text-muted-foreground"> · {formatRelative(iso)}</span> : null}
    </time>
  );
}
