"use client";

import { Boxes, Download } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { downloadModelAction } from "@/app/(app)/models/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DropOverlay } from "@/components/upload/drop-overlay";
import { useFileDrop } from "@/components/upload/use-file-drop";
import { formatBytes } from "@/lib/format";

const ignore = () => {};

export type ModelSuggestion = {
  name: string;
  sizeMB: number;
  ramMB: number;
  languages: number;
  machine: { totalMemMB: number; cores: number };
  /** Already downloading (started elsewhere, or before a reload). */
  downloading: boolean;
};

type Props = { suggestion: ModelSuggestion; canDownload: boolean };

/**
 * The upload area when no Whisper model is installed, and the last step of the first
 * run: one button downloads the model suggested for this machine, the Models page has the rest.
 */
export function NoModelUpload({ suggestion, canDownload }: Props) {
  const router = useRouter();
  const dragging = useFileDrop(ignore, false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const download = () =>
    startTransition(async () => {
      setError(null);
      const result = await downloadModelAction({ name: suggestion.name });
      if (!result.ok) setError(result.error);
      else router.push("/models");
    });
  const { machine } = suggestion;
  return (
    <Card role="region" className="flex flex-col gap-3 border-dashed p-5 sm:flex-row sm:items-start" aria-label="Download a model">
      <span className="grid size-10 shrink-0 place-items-center rounded-full bg-muted text-muted-foreground">
        <Boxes className="size-5" />
      </span>
      <div className="grid gap-2 text-sm">
        <p className="font-medium">No Whisper model is installed yet.</p>
        <p className="text-muted-foreground">
          Uploads open once there is a model to transcribe with. For this server ({formatBytes(machine.totalMemMB * 2 ** 20)} of memory, {machine.cores} cores)
          the suggestion is <span className="font-mono text-foreground">{suggestion.name}</span>: about {suggestion.sizeMB} MB to download,{" "}
          {suggestion.languages === 1 ? "English only" : `${suggestion.languages} languages`}, needs about {formatBytes(suggestion.ramMB * 2 ** 20)} of memory.
        </p>
        {suggestion.downloading ? (
          <p>
            {suggestion.name} is downloading.{" "}
            <Link href="/models" className="text-primary underline-offset-4 hover:underline">
              See its progress on the Models page
            </Link>
          </p>
        ) : canDownload ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button size="sm" onClick={download} disabled={pending}>
              <Download />
              {pending ? "Starting…" : `Download ${suggestion.name} now`}
            </Button>
            <Link href="/models" className="text-primary underline-offset-4 hover:underline">
              Choose another model
            </Link>
          </div>
        ) : (
          <p className="text-muted-foreground">
            Ask the owner of this Selenite to download one on the{" "}
            <Link href="/models" className="text-primary underline-offset-4 hover:underline">
              Models page
            </Link>
            .
          </p>
        )}
        {error ? (
          <p role="alert" className="text-destructive">
            {error}
          </p>
        ) : null}
      </div>
      <DropOverlay visible={dragging} disabledReason="Download a Whisper model first" />
    </Card>
  );
}
