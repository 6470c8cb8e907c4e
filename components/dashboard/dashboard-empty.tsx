import { AudioLines, Boxes, SearchX, X } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** No jobs at all: say where recordings go, and that a model comes first when there is none. */
export function NoJobsYet({ hasModel }: { hasModel: boolean }) {
  return (
    <EmptyState icon={<AudioLines />} title="No transcripts yet">
      {hasModel ? (
        <p>
          Drop audio or video files anywhere on this page, or use <strong className="text-foreground">Choose files</strong> above. Each file becomes a job here,
          newest first, with its progress while Whisper works on it.
        </p>
      ) : (
        <div className="grid justify-items-center gap-3">
          <p>Recordings you transcribe are listed here with their progress. First download a Whisper model; then drop audio or video files on this page.</p>
          <Button variant="outline" size="sm" asChild>
            <Link href="/models">
              <Boxes /> Go to Models
            </Link>
          </Button>
        </div>
      )}
    </EmptyState>
  );
}

export function NoMatchingJobs() {
  return (
    <EmptyState icon={<SearchX />} title="No jobs match these filters">
      <div className="grid justify-items-center gap-3">
        <p>Try another status, tag, date range or search.</p>
        <Button variant="outline" size="sm" asChild>
          <Link href="/">
            <X /> Clear filters
          </Link>
        </Button>
      </div>
    </EmptyState>
  );
}
