"use client";

import { CircleAlert, CircleCheck, FileAudio, LoaderCircle, RotateCcw, X } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { cancelUpload, clearDoneUploads, dismissUpload, retryUpload, type UploadItem } from "@/components/upload/upload-store";
import { formatBytes } from "@/lib/format";

function Status({ item }: { item: UploadItem }) {
  switch (item.state) {
    case "waiting":
      return <span className="text-muted-foreground">Waiting…</span>;
    case "uploading":
      return (
        <span className="flex items-center gap-2">
          <Progress value={item.progress} className="w-24 sm:w-32" aria-label={`Uploading ${item.name}`} />
          <span className="w-9 text-right tabular-nums text-muted-foreground">{Math.round(item.progress * 100)}%</span>
        </span>
      );
    case "checking":
      return (
        <span className="flex items-center gap-1.5 text-muted-foreground">
          <LoaderCircle className="size-3.5 animate-spin" /> Checking the file…
        </span>
      );
    case "queued":
      return (
        <Link href={`/jobs/${item.jobId}`} className="flex items-center gap-1.5 font-medium text-success hover:underline">
          <CircleCheck className="size-4" /> Queued
        </Link>
      );
    case "cancelled":
      return <span className="text-muted-foreground">Cancelled</span>;
    default:
      return null;
  }
}

export function UploadList({ items }: { items: UploadItem[] }) {
  if (items.length === 0) return null;
  const done = items.filter((i) => i.state !== "waiting" && i.state !== "uploading" && i.state !== "checking").length;
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between text-xs text-muted-foreground">
        <span aria-live="polite">
          {items.length === 1 ? "1 file" : `${items.length} files`}
          {done < items.length ? `, ${items.length - done} in progress` : ""}
        </span>
        {done > 0 ? (
          <button type="button" className="hover:text-foreground hover:underline" onClick={clearDoneUploads}>
            Clear finished uploads
          </button>
        ) : null}
      </div>
      <ul className="divide-y rounded-md border" aria-label="Uploads">
        {items.map((item) => {
          const bad = item.state === "rejected" || item.state === "failed";
          const busy = item.state === "waiting" || item.state === "uploading";
          return (
            <li key={item.key} data-testid="upload-row" data-state={item.state} className="grid gap-1 px-3 py-2 text-sm">
              <div className="flex items-center gap-3">
                {bad ? <CircleAlert className="size-4 shrink-0 text-destructive" /> : <FileAudio className="size-4 shrink-0 text-muted-foreground" />}
                <span className="min-w-0 flex-1 truncate font-medium" title={item.name}>
                  {item.name}
                </span>
                <span className="hidden shrink-0 tabular-nums text-muted-foreground sm:inline">{formatBytes(item.size)}</span>
                <span className="shrink-0">
                  <Status item={item} />
                </span>
                {item.retryable || item.state === "cancelled" ? (
                  <Button variant="ghost" size="sm" className="h-7 px-2" onClick={() => retryUpload(item.key)}>
                    <RotateCcw /> Try again
                  </Button>
                ) : null}
                {item.state !== "checking" ? (
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-7 shrink-0"
                    onClick={() => (busy ? cancelUpload(item.key) : dismissUpload(item.key))}
                    aria-label={busy ? `Cancel upload of ${item.name}` : `Remove ${item.name} from this list`}
                    title={busy ? "Cancel upload" : "Remove from list"}
                  >
                    <X />
                  </Button>
                ) : (
                  <span className="size-7 shrink-0" />
                )}
              </div>
              {bad && item.message ? (
                <p data-testid="upload-error" className="pl-7 text-destructive">
                  {item.message}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
