"use client";

import { History } from "lucide-react";
import { useState, useTransition } from "react";
import { restorePreviousTranscriptAction } from "@/app/(app)/jobs/actions";
import { LocalTime } from "@/components/shell/local-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { PreviousTranscriptInfo } from "@/lib/transcripts/versions";

/** The transcript a restart replaced, and the action that swaps it back (the current one is kept in its place). */
export function PreviousTranscript({ jobId, previous }: { jobId: string; previous: PreviousTranscriptInfo }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const corrections = previous.editCount === 1 ? "1 correction" : `${previous.editCount} corrections`;
  const restore = () => {
    setError(null);
    startTransition(async () => {
      const result = await restorePreviousTranscriptAction({ jobId });
      if (!result.ok) setError(result.error);
    });
  };
  return (
    <section aria-label="Previous transcript" className="grid gap-2 rounded-lg border border-dashed px-4 py-3 text-sm">
      <p className="text-muted-foreground">
        The transcript before the last restart ({previous.model ? `${previous.model}, ` : ""}
        {previous.segmentCount} segments, {corrections}) was replaced on <LocalTime iso={previous.replacedAt} />. Restoring it keeps this one as the previous
        transcript.
      </p>
      <div>
        <Button variant="outline" size="sm" onClick={restore} disabled={pending}>
          <History />
          Restore previous transcript
        </Button>
      </div>
      {error ? <Alert variant="destructive">{error}</Alert> : null}
    </section>
  );
}
