"use client";

// The find panel's preview, asked of the server: its matcher is the one that
// replaces, so what the preview shows is exactly what "Replace all" will change.
import { useEffect, useState } from "react";
import { findInTranscriptAction } from "@/app/(app)/jobs/transcript-actions";
import { reach } from "@/components/transcript/transcript-edits";
import type { FindMatch } from "@/lib/transcripts/replace";
export type FindQuery = { find: string; caseSensitive: boolean; wholeWord: boolean };
type Answer = { key: string; matches: FindMatch[]; error: string | null };

const DEBOUNCE_MS = 200;

/**
 * Matches for the query, refreshed when the transcript changes (`version`). While a
 * new answer is on its way the last one stays, so the list does not flicker.
 */
export function useFindMatches(jobId: string, query: FindQuery, version: unknown) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = JSON.stringify(query);
  const empty = query.find === "";

  useEffect(() => {
    if (empty) return;
    let stale = false;
    // `key` stands for `query`, which is a new object every render; `version` is a new transcript from the server.
    const wanted = JSON.parse(key) as FindQuery;
    const timer = window.setTimeout(async () => {
      const result = await reach(() => findInTranscriptAction({ jobId, ...wanted }));
      if (stale) return;
      setAnswer(result.ok ? { key, matches: result.data, error: null } : { key, matches: [], error: result.error });
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [jobId, key, empty, version]);

  if (empty) return { matches: [], error: null, searching: false, total: 0 };
  const matches = answer?.matches ?? [];
  return {
    matches,
    error: answer?.error ?? null,
    searching: answer?.key !== key,
    total: matches.reduce((sum, m) => sum + m.ranges.length, 0),
  };
}
