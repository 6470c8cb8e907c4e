"use client";

import { Boxes } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DropOverlay } from "@/components/upload/drop-overlay";
import { useFileDrop } from "@/components/upload/use-file-drop";

const ignore = () => {};

/** The upload area when no Whisper model is installed: say so and how to fix it, instead of failing after the upload. */
export function NoModelUpload() {
  const dragging = useFileDrop(ignore, false);
  return (
    <Card role="status" className="flex flex-col gap-3 border-dashed p-5 sm:flex-row sm:items-start" aria-label="Upload recordings">
      <span className="grid size-10 shrink-0 place-items-center rounded-full bg-muted text-muted-foreground">
        <Boxes className="size-5" />
      </span>
      <div className="grid gap-1.5 text-sm">
        <p className="font-medium">No Whisper model is installed yet.</p>
        <p className="text-muted-foreground">Uploads open once there is a model to transcribe with. On the server, run</p>
        <code className="w-fit select-all rounded bg-muted px-2 py-1 font-mono text-xs">npm run models -- pull whisper-base</code>
        <p className="text-muted-foreground">
          then reload this page.{" "}
          <Link href="/models" className="text-primary underline-offset-4 hover:underline">
            More about models
          </Link>
        </p>
      </div>
      <DropOverlay visible={dragging} disabledReason="Install a Whisper model first" />
    </Card>
  );
}
