"use client";

import { CircleStop, Download, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { cancelDownloadAction, deleteModelAction, downloadModelAction } from "@/app/(app)/models/actions";
import { useModelEvents } from "@/components/models/use-model-events";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NativeSelect } from "@/components/ui/native-select";
import { Progress } from "@/components/ui/progress";
import type { ModelDownloadPayload } from "@/lib/events/bus";
import { formatBytes, formatEta } from "@/lib/format";
import type { ActionResult } from "@/lib/http/action-result";
import type { CatalogModel, ModelCatalog } from "@/lib/models/service";

type Props = { catalog: ModelCatalog; canChange: boolean; kind: CatalogModel["kind"] };

/** Every model `models pull` knows: download with live progress, cancel, resume, delete. */
export function ModelCatalogList({ catalog, canChange, kind }: Props) {
  const shown = catalog.models.filter((m) => m.kind === kind);
  const router = useRouter();
  const [downloads, setDownloads] = useState<Record<string, ModelDownloadPayload | null>>(() =>
    Object.fromEntries(shown.map((m) => [m.name, m.download])),
  );
  useModelEvents((download) => {
    if (!shown.some((m) => m.name === download.name)) return;
    setDownloads((current) => ({ ...current, [download.name]: download }));
    if (download.status !== "downloading") router.refresh();
  });
  return (
    <ul className="grid gap-4 md:grid-cols-2" aria-label={kind === "speakers" ? "Speaker models to download" : "Models to download"}>
      {shown.map((model) => (
        <li key={model.name}>
          <CatalogCard
            model={model}
            download={downloads[model.name] ?? null}
            recommended={model.name === catalog.recommended}
            canChange={canChange}
            onStarted={(d) => setDownloads((current) => ({ ...current, [d.name]: d }))}
          />
        </li>
      ))}
    </ul>
  );
}

type CardProps = {
  model: CatalogModel;
  download: ModelDownloadPayload | null;
  recommended: boolean;
  canChange: boolean;
  onStarted: (download: ModelDownloadPayload) => void;
};

function CatalogCard({ model, download, recommended, canChange, onStarted }: CardProps) {
  const router = useRouter();
  const selectId = useId();
  const [dtype, setDtype] = useState(model.defaultDtype);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const chosen = model.dtypes.find((d) => d.dtype === dtype) ?? model.dtypes[0];
  const downloading = download?.status === "downloading";

  const run = <T,>(action: () => Promise<ActionResult<T>>, after?: (data: T) => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.error);
      else after?.(result.data);
      router.refresh();
    });
  const start = () => run(() => downloadModelAction({ name: model.name, dtype }), onStarted);
  const cancel = () => run(() => cancelDownloadAction({ name: model.name }));
  const remove = () => run(() => deleteModelAction({ name: model.name }), () => setConfirming(false));

  const failed = download?.status === "failed" ? download.error : null;
  return (
    <Card data-testid="catalog-model" data-model={model.name} aria-label={model.name}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 font-mono text-base">
          {model.name}
          {recommended ? <Badge variant="info">Recommended for this server</Badge> : null}
          {model.installed ? <Badge variant="success">Installed</Badge> : null}
        </CardTitle>
        <CardDescription>
          {model.role ? (
            `${model.role.what} · ${model.role.license}`
          ) : (
            <>
              {model.languages === 1 ? "English only" : `${model.languages} languages`}
              {model.wordTimestamps ? " · word timestamps" : ""} · about {model.speedX}× real time on 4 cores (estimate)
            </>
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {model.installed ? (
          <p className="text-muted-foreground">
            Installed: {model.installed.dtypes.join(", ")}, {formatBytes(model.installed.sizeBytes)}.
          </p>
        ) : (
          <div className="flex flex-wrap items-end gap-3">
            <div className="grid gap-1">
              <label htmlFor={selectId} className="text-xs font-medium">
                Precision
              </label>
              <NativeSelect id={selectId} value={dtype} onChange={(e) => setDtype(e.target.value as typeof dtype)} disabled={downloading || pending}>
                {model.dtypes.map((d) => (
                  <option key={d.dtype} value={d.dtype}>
                    {d.dtype}
                    {d.dtype === model.defaultDtype ? " (default)" : ""} · ~{d.sizeMB} MB
                  </option>
                ))}
              </NativeSelect>
            </div>
            <p className="text-muted-foreground">
              Download ~{chosen.sizeMB} MB · needs ~{formatBytes(chosen.ramMB * 2 ** 20)} of memory
            </p>
          </div>
        )}
        {downloading ? <DownloadProgress download={download} /> : null}
        {!downloading && model.partialBytes && !model.installed ? (
          <p className="text-muted-foreground">{formatBytes(model.partialBytes)} downloaded so far; Download resumes there.</p>
        ) : null}
        {failed ? (
          <p role="alert" className="text-destructive">
            The download failed: {failed}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-destructive">
            {error}
          </p>
        ) : null}
        {canChange ? (
          <div className="flex flex-wrap gap-2">
            {downloading ? (
              <Button variant="outline" size="sm" onClick={cancel} disabled={pending}>
                <CircleStop />
                Cancel download
              </Button>
            ) : model.installed ? null : (
              <Button size="sm" onClick={start} disabled={pending}>
                <Download />
                {model.partialBytes ? "Resume download" : "Download"}
              </Button>
            )}
            {!downloading && (model.installed || model.partialBytes) ? (
              <Button variant="outline" size="sm" onClick={() => setConfirming(true)} disabled={pending} className="text-destructive hover:text-destructive">
                <Trash2 />
                {model.installed ? "Delete" : "Discard download"}
              </Button>
            ) : null}
          </div>
        ) : (
          <p className="text-xs text-muted-foreground">Only the owner of this Selenite can download or delete models.</p>
        )}
      </CardContent>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={model.installed ? `Delete ${model.name}?` : `Discard the download of ${model.name}?`}
        confirmLabel={pending ? "Deleting…" : "Delete"}
        destructive
        pending={pending}
        onConfirm={remove}
      >
        <p>
          {model.installed
            ? "Its files are removed from the server. Recordings already transcribed keep their transcripts; download it again to use it."
            : "The part downloaded so far is removed; a new download starts from the beginning."}
        </p>
        {error ? (
          <p role="alert" className="mt-2 text-destructive">
            {error}
          </p>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}

function DownloadProgress({ download }: { download: ModelDownloadPayload }) {
  const total = download.bytesTotal;
  const fraction = total ? download.bytesDone / total : null;
  const eta = total && download.bytesPerSec ? (total - download.bytesDone) / download.bytesPerSec : null;
  return (
    <div className="grid gap-1" data-testid="download-progress">
      <Progress value={fraction} aria-label={`Downloading ${download.name}`} />
      <p className="text-xs text-muted-foreground" aria-live="polite">
        {fraction === null ? "Starting…" : `${Math.floor(fraction * 100)}%`} · {formatBytes(download.bytesDone)}
        {total ? ` of ${formatBytes(total)}` : ""}
        {download.bytesPerSec ? ` · ${formatBytes(download.bytesPerSec)}/s` : ""}
        {eta !== null ? ` · ${formatEta(eta)}` : ""}
      </p>
    </div>
  );
}
