"use client";

import { FolderInput, Pause, Play, Trash2 } from "lucide-react";
import { useActionState, useState, useTransition } from "react";
import { addWatchFolderAction, removeWatchFolderAction, setWatchFolderEnabledAction } from "@/app/(app)/settings/actions";
import { LocalTime } from "@/components/shell/local-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { fieldErrorsOf, formMessage } from "@/lib/http/action-result";
import type { WatchedFileView, WatchFolderView } from "@/lib/watch/folders";

// Types only (erased from the browser bundle): the one shape lib/watch/folders.ts answers with.
type WatchedFile = WatchedFileView;
type WatchFolderItem = WatchFolderView;

const OUTPUTS = { none: "No subtitles", beside: "Next to the recording", folder: "Into an output folder" } as const;

function describe(folder: WatchFolderItem): string {
  const parts = [folder.model ?? "default model", folder.language ?? "language detected"];
  if (folder.tags.length) parts.push(`tags ${folder.tags.join(", ")}`);
  if (folder.speakers !== "off") parts.push(`speakers ${folder.speakers}`);
  if (folder.output === "beside") parts.push(`${folder.outputFormats.join(", ")} beside the recording`);
  if (folder.output === "folder") parts.push(`${folder.outputFormats.join(", ")} into ${folder.outputDir}`);
  if (folder.polling) parts.push("polling");
  return parts.join(" · ");
}

function FileLine({ file }: { file: WatchedFile }) {
  return (
    <li className="grid gap-0.5 py-1.5 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={file.status === "imported" ? "success" : file.status === "importing" ? "secondary" : "destructive"}>
          {file.status === "imported" ? "Imported" : file.status === "importing" ? "Importing" : "Not imported"}
        </Badge>
        {file.jobId ? (
          <a className="font-medium underline-offset-2 hover:underline" href={`/jobs/${file.jobId}`}>
            {file.name}
          </a>
        ) : (
          <span className="font-medium">{file.name}</span>
        )}
        <span className="text-muted-foreground">
          <LocalTime iso={file.importedAt} />
        </span>
        {file.outputAt ? <span className="text-muted-foreground">· subtitles written</span> : null}
      </div>
      {file.error ? <p className="text-destructive">{file.error}</p> : null}
      {file.outputError ? <p className="text-destructive">{file.outputError}</p> : null}
    </li>
  );
}

export function WatchFolders({ folders, models }: { folders: WatchFolderItem[]; models: string[] }) {
  const [state, action, pending] = useActionState(addWatchFolderAction, null);
  const [busy, startChange] = useTransition();
  const [changeError, setChangeError] = useState<string | null>(null);
  const [output, setOutput] = useState<string>("none");
  const errors = fieldErrorsOf(state);
  const message = formMessage(state);
  const change = (run: () => Promise<{ ok: boolean; error?: string }>) =>
    startChange(async () => {
      const result = await run();
      setChangeError(result.ok ? null : (result.error ?? null));
    });
  return (
    <div className="grid gap-6">
      <form action={action} className="grid max-w-2xl gap-4">
        <Field label="Folder on the server" name="path" placeholder="/srv/media/inbox" required maxLength={1000} errors={errors.path} />
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="grid gap-2">
            <Label htmlFor="watch-model">Model</Label>
            <NativeSelect id="watch-model" name="model" defaultValue="">
              <option value="">The default model</option>
              {models.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Field label="Language (empty = detect)" name="language" placeholder="en" maxLength={10} errors={errors.language} />
          <Field label="Tags (comma-separated)" name="tags" placeholder="tv, family" maxLength={400} errors={errors.tags} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="grid gap-2">
            <Label htmlFor="watch-speakers">Speakers</Label>
            <NativeSelect id="watch-speakers" name="speakers" defaultValue="off">
              <option value="off">Off</option>
              <option value="auto">Auto</option>
              <option value="neural">Neural</option>
              <option value="rough">Rough</option>
              <option value="channel">One per channel</option>
            </NativeSelect>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="watch-output">Subtitles</Label>
            <NativeSelect id="watch-output" name="output" value={output} onChange={(e) => setOutput(e.target.value)}>
              {Object.entries(OUTPUTS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Field label="Formats (comma-separated)" name="outputFormats" defaultValue="srt" maxLength={100} errors={errors.outputFormats} />
        </div>
        {output === "folder" ? (
          <Field label="Output folder" name="outputDir" placeholder="/srv/media/subtitles" maxLength={1000} errors={errors.outputDir} />
        ) : null}
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="polling" className="size-4 accent-[var(--primary)]" />
          Poll for changes (for network mounts, where file-system events do not arrive)
        </label>
        <div>
          <Button type="submit" disabled={pending}>
            <FolderInput />
            Watch this folder
          </Button>
        </div>
      </form>
      {message ? <Alert variant={state?.ok ? "success" : "destructive"}>{message}</Alert> : null}
      {changeError ? <Alert variant="destructive">{changeError}</Alert> : null}
      {folders.length === 0 ? (
        <p className="text-sm text-muted-foreground">No watch folders yet.</p>
      ) : (
        <ul className="divide-y rounded-md border">
          {folders.map((folder) => (
            <li key={folder.id} className="grid gap-2 px-4 py-3 text-sm" data-testid="watch-folder">
              <div className="flex flex-wrap items-center gap-3">
                <div className="min-w-0 flex-1">
                  <p className="break-all font-mono font-medium">{folder.path}</p>
                  <p className="text-muted-foreground">
                    {describe(folder)}
                    {folder.source === "env" ? " · from WATCH_FOLDERS" : ""}
                  </p>
                </div>
                {folder.enabled ? null : <Badge variant="secondary">Paused</Badge>}
                <Button
                  variant="outline"
                  size="sm"
                  disabled={busy}
                  onClick={() => change(() => setWatchFolderEnabledAction({ id: folder.id, enabled: !folder.enabled }))}
                  aria-label={`${folder.enabled ? "Pause" : "Resume"} watching ${folder.path}`}
                >
                  {folder.enabled ? <Pause /> : <Play />}
                  {folder.enabled ? "Pause" : "Resume"}
                </Button>
                <Button
                  variant="outline"
                  size="sm"
                  disabled={busy}
                  onClick={() => change(() => removeWatchFolderAction({ id: folder.id }))}
                  aria-label={`Stop watching ${folder.path}`}
                >
                  <Trash2 />
                  Remove
                </Button>
              </div>
              {folder.recent.length ? (
                <ul className="divide-y border-t">
                  {folder.recent.map((file) => (
                    <FileLine key={file.id} file={file} />
                  ))}
                </ul>
              ) : (
                <p className="text-muted-foreground">Nothing imported yet.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
