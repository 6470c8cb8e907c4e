"use client";

// Live job updates from /api/events. EventSource reconnects by itself and sends
// Last-Event-ID, so the server replays what was missed (or sends a snapshot after a
// restart). Each update is merged only if it is newer than what the page has.
import { useEffect, useRef } from "react";
import type { JobEventPayload, SegmentsEventPayload } from "@/lib/events/bus";

/** What the server sends for a job; the type is shared with lib/events (types only). */
export type JobEvent = JobEventPayload;

export type JobEventHandlers = {
  onJob?: (job: JobEvent) => void;
  onDeleted?: (jobId: string) => void;
  /** A running job committed the segments of one more window. */
  onSegments?: (segments: SegmentsEventPayload) => void;
  /** Tags, titles or the set of jobs changed: reload the list. */
  onListChanged?: () => void;
  onConnectionChange?: (connected: boolean) => void;
};

export function useJobEvents(handlers: JobEventHandlers): void {
  const ref = useRef(handlers);
  // Declared first, so it runs before the subscription below; events arrive later still.
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const source = new EventSource("/api/events");
    const parse = <T>(event: MessageEvent): T | null => {
      try {
        return JSON.parse(event.data) as T;
      } catch {
        return null;
      }
    };
    source.addEventListener("job", (event) => {
      const job = parse<JobEvent>(event as MessageEvent);
      if (job) ref.current.onJob?.(job);
    });
    source.addEventListener("snapshot", (event) => {
      const data = parse<{ jobs: JobEvent[] }>(event as MessageEvent);
      data?.jobs.forEach((job) => ref.current.onJob?.(job));
      ref.current.onListChanged?.();
    });
    source.addEventListener("job-deleted", (event) => {
      const data = parse<{ id: string }>(event as MessageEvent);
      if (data) ref.current.onDeleted?.(data.id);
    });
    source.addEventListener("segments", (event) => {
      const data = parse<SegmentsEventPayload>(event as MessageEvent);
      if (data) ref.current.onSegments?.(data);
    });
    source.addEventListener("jobs-changed", () => ref.current.onListChanged?.());
    source.onopen = () => ref.current.onConnectionChange?.(true);
    source.onerror = () => ref.current.onConnectionChange?.(false);
    return () => source.close();
  }, []);
}

/** Keeps whichever version of a job is newer. */
export function newer<T extends { updatedAt: string }>(current: T, incoming: JobEvent): boolean {
  return incoming.updatedAt >= current.updatedAt;
}
