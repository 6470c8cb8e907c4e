"use client";

// Model download progress from /api/events (`model` events, lib/models/service.ts).
import { useEffect, useRef } from "react";
import type { ModelDownloadPayload } from "@/lib/events/bus";

export function useModelEvents(onDownload: (download: ModelDownloadPayload) => void): void {
  const ref = useRef(onDownload);
  useEffect(() => {
    ref.current = onDownload;
  });
  useEffect(() => {
    const source = new EventSource("/api/events");
    source.addEventListener("model", (event) => {
      try {
        ref.current(JSON.parse((event as MessageEvent).data) as ModelDownloadPayload);
      } catch {
        // a malformed event is dropped; the next one carries the whole state again
      }
    });
    return () => source.close();
  }, []);
}
