"use client";

import { Save } from "lucide-react";
import { useActionState, useState } from "react";
import { updateSettingsAction } from "@/app/(app)/settings/actions";
import { fieldErrorsOf, formMessage } from "@/lib/http/action-result";
import { decodingValues } from "@/components/upload/decoding-values";
import { TranscriptionOptions, type ModelChoice, type TranscriptionChoice } from "@/components/upload/transcription-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { AppSettings } from "@/lib/settings/service";

export type SettingsValues = Omit<AppSettings, "beamSize" | "dtype">;

export function SettingsForm({ values, models, cores }: { values: SettingsValues; models: ModelChoice[]; cores: number }) {
  const [state, action, pending] = useActionState(updateSettingsAction, null);
  const [defaults, setDefaults] = useState<TranscriptionChoice>({
    model: values.defaultModel && models.some((m) => m.name === values.defaultModel) ? values.defaultModel : "",
    language: values.defaultLanguage ?? "auto",
    task: values.defaultTask,
    wordTimestamps: values.wordTimestamps,
    decoding: decodingValues(values),
  });
  const errors = fieldErrorsOf(state);
  const message = formMessage(state);
  return (
    <form action={action} className="grid gap-6" noValidate>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Defaults for new uploads</legend>
        <TranscriptionOptions
          idPrefix="settings"
          models={models}
          value={defaults}
          onChange={setDefaults}
          names={{ model: "defaultModel", language: "defaultLanguage", task: "defaultTask", wordTimestamps: "wordTimestamps" }}
          firstInstalledLabel="First installed model"
        />
        {models.length ? null : <p className="text-xs text-muted-foreground">No model installed yet.</p>}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Server</legend>
        <Field label="Jobs at the same time" name="concurrency" type="number" min={1} max={8} defaultValue={values.concurrency} errors={errors.concurrency} />
        <Field
          label={`CPU threads per job (blank = all ${cores})`}
          name="cpuThreads"
          type="number"
          min={1}
          max={256}
          defaultValue={values.cpuThreads ?? ""}
          errors={errors.cpuThreads}
        />
        <Field
          label="Unload an idle model after (minutes, 0 = at once)"
          name="modelIdleMinutes"
          type="number"
          min={0}
          defaultValue={values.modelIdleMinutes}
          errors={errors.modelIdleMinutes}
        />
        <Field
          label="Keep this much disk free (MB)"
          name="diskReserveMb"
          type="number"
          min={0}
          defaultValue={values.diskReserveMb}
          errors={errors.diskReserveMb}
        />
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
