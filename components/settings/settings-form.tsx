"use client";

import { Save } from "lucide-react";
import { useActionState, useState } from "react";
import { updateSettingsAction } from "@/app/(app)/settings/actions";
import { fieldErrorsOf, formMessage } from "@/lib/http/action-result";
import { decodingValues } from "@/components/upload/decoding-values";
import { speakerValues } from "@/components/upload/speaker-values";
import { TranscriptionOptions, type ModelChoice, type TranscriptionChoice } from "@/components/upload/transcription-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { AppSettings } from "@/lib/settings/service";

export type SettingsValues = Omit<AppSettings, "dtype">;

export function SettingsForm({ values, models, cores }: { values: SettingsValues; models: ModelChoice[]; cores: number }) {
  const [state, action, pending] = useActionState(updateSettingsAction, null);
  const [defaults, setDefaults] = useState<TranscriptionChoice>({
    model: values.defaultModel && models.some((m) => m.name === values.defaultModel) ? values.defaultModel : "",
    language: values.defaultLanguage ?? "auto",
    task: values.defaultTask,
    wordTimestamps: values.wordTimestamps,
    beamSize: values.beamSize,
    patience: values.patience,
    vad: values.vad,
    decoding: decodingValues(values),
    speakers: speakerValues({ speakers: values.speakers }),
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
          names={{
            model: "defaultModel",
            language: "defaultLanguage",
            task: "defaultTask",
            wordTimestamps: "wordTimestamps",
            beamSize: "beamSize",
            patience: "patience",
            vad: "vad",
          }}
          firstInstalledLabel="First installed model"
        />
        {models.length ? null : <p className="text-xs text-muted-foreground">No model installed yet.</p>}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Voice detection (when “Skip silence” is on)</legend>
        <Field
          label="Speech probability threshold (0.05–0.95)"
          name="vadThreshold"
          type="number"
          step={0.05}
          min={0.05}
          max={0.95}
          defaultValue={values.vadThreshold}
          errors={errors.vadThreshold}
        />
        <Field
          label="Shortest speech kept (ms)"
          name="vadMinSpeechMs"
          type="number"
          min={0}
          defaultValue={values.vadMinSpeechMs}
          errors={errors.vadMinSpeechMs}
        />
        <Field
          label="Silence that ends speech (ms)"
          name="vadMinSilenceMs"
          type="number"
          min={0}
          defaultValue={values.vadMinSilenceMs}
          errors={errors.vadMinSilenceMs}
        />
        <Field
          label="Padding around speech (ms)"
          name="vadSpeechPadMs"
          type="number"
          min={0}
          defaultValue={values.vadSpeechPadMs}
          errors={errors.vadSpeechPadMs}
        />
        <Field
          label="Pauses longer than this are never transcribed (ms)"
          name="vadMaxPauseMs"
          type="number"
          min={0}
          defaultValue={values.vadMaxPauseMs}
          errors={errors.vadMaxPauseMs}
        />
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
        <Field
          label="Keep deleted jobs in the trash for (days)"
          name="trashDays"
          type="number"
          min={1}
          max={3650}
          defaultValue={values.trashDays}
          errors={errors.trashDays}
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
