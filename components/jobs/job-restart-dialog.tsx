"use client";

import { RefreshCw } from "lucide-react";
import { useId, useState, useTransition, type FormEvent } from "react";
import { restartJobAction } from "@/app/(app)/jobs/actions";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { LANGUAGES } from "@/lib/languages";

export type RestartModel = { name: string; multilingual: boolean };
export type RestartOptions = { model: string; language: string | null; task: string; wordTimestamps: boolean };

const LANGUAGE_OPTIONS = Object.entries(LANGUAGES).sort((a, b) => a[1].localeCompare(b[1]));

type Props = { jobId: string; current: RestartOptions; models: RestartModel[]; variant?: ButtonProps["variant"]; size?: ButtonProps["size"] };

/** "Restart", optionally with another model, language or task. Replaces the transcript. */
export function JobRestartDialog({ jobId, current, models, variant = "outline", size = "sm" }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [model, setModel] = useState(current.model);
  const [language, setLanguage] = useState(current.language ?? "auto");
  const [task, setTask] = useState(current.task === "translate" ? "translate" : "transcribe");
  const [wordTimestamps, setWordTimestamps] = useState(current.wordTimestamps);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const installed = models.some((m) => m.name === model);
  const choices = installed || !model ? models : [{ name: model, multilingual: true }, ...models];
  // English-only models neither detect languages nor translate.
  const multilingual = choices.find((m) => m.name === model)?.multilingual ?? true;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await restartJobAction({
        jobId,
        options: { model, language: multilingual ? language : "auto", task: multilingual ? task : "transcribe", wordTimestamps },
      });
      if (result.ok) setOpen(false);
      else setError(result.error);
    });
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (pending ? undefined : setOpen(next))}>
      <DialogTrigger asChild>
        <Button variant={variant} size={size}>
          <RefreshCw />
          Restart…
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Restart the transcription</DialogTitle>
          <DialogDescription>It goes back into the queue. The current transcript is replaced when the new one is done.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4">
          <div className="grid gap-2">
            <Label htmlFor={`${id}-model`}>Model</Label>
            <NativeSelect id={`${id}-model`} value={model} onChange={(e) => setModel(e.target.value)}>
              {choices.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                  {models.some((i) => i.name === m.name) ? (m.multilingual ? "" : " (English only)") : " (not installed)"}
                </option>
              ))}
            </NativeSelect>
            {models.length === 0 ? <p className="text-xs text-muted-foreground">No model is installed: see the Models page.</p> : null}
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-language`}>Language</Label>
            <NativeSelect id={`${id}-language`} value={multilingual ? language : "en"} disabled={!multilingual} onChange={(e) => setLanguage(e.target.value)}>
              <option value="auto">Detect automatically</option>
              {LANGUAGE_OPTIONS.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-task`}>Task</Label>
            <NativeSelect id={`${id}-task`} value={multilingual ? task : "transcribe"} disabled={!multilingual} onChange={(e) => setTask(e.target.value)}>
              <option value="transcribe">Transcribe (keep the spoken language)</option>
              <option value="translate">Translate to English</option>
            </NativeSelect>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={wordTimestamps} onChange={(e) => setWordTimestamps(e.target.checked)} className="size-4 accent-primary" />
            Word timings (highlights each word as it plays)
          </label>
          {error ? <Alert variant="destructive">{error}</Alert> : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Keep as is
            </Button>
            <Button type="submit" disabled={pending || !model}>
              {pending ? "Restarting…" : "Restart"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
