"use client";

import { Save } from "lucide-react";
import { useActionState } from "react";
import { updateSettingsAction } from "@/app/(app)/settings/actions";
import { fieldErrorsOf, formMessage } from "@/lib/http/action-result";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { LANGUAGES } from "@/lib/languages";
import type { AppSettings } from "@/lib/settings/service";

export type SettingsValues = Omit<AppSettings, "beamSize" | "dtype">;

const selectClass = "flex h-9 w-full rounded-md border border-input bg-background px-3 text-sm shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

function Select({ label, name, defaultValue, children, hint }: { label: string; name: string; defaultValue: string; children: React.ReactNode; hint?: string }) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={name}>{label}</Label>
      <select id={name} name={name} defaultValue={defaultValue} className={selectClass}>
        {children}
      </select>
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}

export function SettingsForm({ values, models, cores }: { values: SettingsValues; models: string[]; cores: number }) {
  const [state, action, pending] = useActionState(updateSettingsAction, null);
  const errors = fieldErrorsOf(state);
  const message = formMessage(state);
  return (
    <form action={action} className="grid gap-6" noValidate>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Defaults for new uploads</legend>
        <Select label="Model" name="defaultModel" defaultValue={values.defaultModel ?? ""} hint={models.length ? undefined : "No model installed yet."}>
          <option value="">First installed model</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </Select>
        <Select label="Language" name="defaultLanguage" defaultValue={values.defaultLanguage ?? "auto"}>
          <option value="auto">Auto-detect</option>
          {Object.entries(LANGUAGES)
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
        </Select>
        <Select label="Task" name="defaultTask" defaultValue={values.defaultTask}>
          <option value="transcribe">Transcribe</option>
          <option value="translate">Translate to English</option>
        </Select>
        <div className="flex items-center gap-2 self-end pb-2">
          <input id="wordTimestamps" name="wordTimestamps" type="checkbox" defaultChecked={values.wordTimestamps} className="size-4 accent-[var(--primary)]" />
          <Label htmlFor="wordTimestamps">Word-level timestamps</Label>
        </div>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Server</legend>
        <Field label="Jobs at the same time" name="concurrency" type="number" min={1} max={8} defaultValue={values.concurrency} errors={errors.concurrency} />
        <Field label={`CPU threads per job (blank = all ${cores})`} name="cpuThreads" type="number" min={1} max={256} defaultValue={values.cpuThreads ?? ""} errors={errors.cpuThreads} />
        <Field label="Unload an idle model after (minutes, 0 = at once)" name="modelIdleMinutes" type="number" min={0} defaultValue={values.modelIdleMinutes} errors={errors.modelIdleMinutes} />
        <Field label="Keep this much disk free (MB)" name="diskReserveMb" type="number" min={0} defaultValue={values.diskReserveMb} errors={errors.diskReserveMb} />
      </fieldset>
      {message ? <Alert variant={state?.ok ? "success" : "destructive"}>{message}</Alert> : null}
      {Object.keys(errors).length ? <Alert variant="destructive">Some values need fixing.</Alert> : null}
      <Button type="submit" disabled={pending} className="justify-self-start">
        <Save />
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
