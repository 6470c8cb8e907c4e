"use client";

import { ChevronDown, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { TagPicker } from "@/components/tags/tag-picker";
import type { TagView } from "@/components/tags/tag-colors";
import { DropOverlay } from "@/components/upload/drop-overlay";
import { TranscriptionOptions, type ModelChoice, type TranscriptionChoice } from "@/components/upload/transcription-options";
import { UploadList } from "@/components/upload/upload-list";
import { addUploads, useUploads } from "@/components/upload/upload-store";
import { speakerFields } from "@/components/upload/speaker-values";
import { useFileDrop } from "@/components/upload/use-file-drop";
import { cn } from "@/lib/utils";

type UploadPanelProps = {
  models: ModelChoice[];
  defaults: TranscriptionChoice;
  tags: TagView[];
  maxUploadBytes: number;
  /** Once there are jobs, a phone shows them first: the panel folds into one row there. */
  hasJobs: boolean;
};

/** The top of the dashboard: the file picker, drop-anywhere, the options for the next batch, and the batch's rows. */
export function UploadPanel({ models, defaults, tags, maxUploadBytes, hasJobs }: UploadPanelProps) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [options, setOptions] = useState<TranscriptionChoice>(defaults);
  const [tagNames, setTagNames] = useState<string[]>([]);
  const { items, finished, noModelAnswers } = useUploads();
  const [expanded, setExpanded] = useState(false);
  const folded = hasJobs && !expanded;

  const start = useCallback(
    (files: File[]) => {
      // The server applies the English-only rule (resolveOptions); what was chosen is sent as is.
      addUploads(
        files,
        {
          model: options.model,
          language: options.language,
          task: options.task,
          wordTimestamps: options.wordTimestamps,
          beamSize: options.beamSize,
          patience: options.patience,
          vad: options.vad,
          decoding: options.decoding,
          speakers: options.speakers ? speakerFields(options.speakers) : undefined,
          tags: tagNames,
        },
        maxUploadBytes,
      );
    },
    [options, tagNames, maxUploadBytes],
  );
  const dragging = useFileDrop(start);

  // New jobs (and tags typed here) should show up in the list at once, not on the next
  // event. A 409 "no model" means the model folder went away while the page was open:
  // the refresh lets the server render the no-model state instead.
  const seen = useRef(finished + noModelAnswers);
  useEffect(() => {
    if (finished + noModelAnswers !== seen.current) {
      seen.current = finished + noModelAnswers;
      router.refresh();
    }
  }, [finished, noModelAnswers, router]);

  return (
    <Card role="region" className={cn("grid gap-4 p-4 sm:p-5", folded && "max-sm:gap-0 max-sm:p-3")} aria-label="Upload recordings">
      {hasJobs ? (
        <div className="flex items-center gap-2 sm:hidden" data-testid="upload-folded">
          <Button type="button" className="flex-1" onClick={() => inputRef.current?.click()}>
            <Upload />
            Choose files
          </Button>
          <Button type="button" variant="outline" aria-expanded={expanded} aria-controls="upload-options" onClick={() => setExpanded((open) => !open)}>
            Options
            <ChevronDown className={cn("transition-transform", expanded && "rotate-180")} />
          </Button>
        </div>
      ) : null}
      <div id="upload-options" className={cn("grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]", folded && "max-sm:hidden")}>
        <button
          type="button"
          onClick={() => inputRef.current?.click()}
          className="group grid min-h-36 place-content-center justify-items-center gap-2 rounded-lg border-2 border-dashed border-input px-4 py-6 text-center transition-colors hover:border-primary hover:bg-accent/50 focus-visible:border-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <span className="grid size-10 place-items-center rounded-full bg-primary/10 text-primary">
            <Upload className="size-5" />
          </span>
          <span className="font-medium">Choose files</span>
          <span className="text-sm text-muted-foreground">or drop audio and video anywhere on this page</span>
          <span className="text-xs text-muted-foreground">Up to {Math.round(maxUploadBytes / 1024 / 1024).toLocaleString()} MB each</span>
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept="audio/*,video/*"
          className="sr-only"
          tabIndex={-1}
          aria-label="Choose files to transcribe"
          data-testid="upload-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            // Reset so picking the same file again still fires a change.
            e.target.value = "";
            if (files.length) start(files);
          }}
        />
        <fieldset className="grid grid-cols-2 content-start gap-3">
          <legend className="sr-only">Options for the next upload</legend>
          <TranscriptionOptions idPrefix="upload" models={models} value={options} onChange={setOptions} />
          <div className="col-span-2 grid gap-1.5">
            <Label htmlFor="upload-tags">Tags</Label>
            <TagPicker id="upload-tags" tags={tags} value={tagNames} onChange={setTagNames} />
          </div>
        </fieldset>
      </div>
      <UploadList items={items} />
      <DropOverlay visible={dragging} />
    </Card>
  );
}
