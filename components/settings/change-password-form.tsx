"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrorsOf, formMessage } from "@/lib/http/action-result";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const errors = fieldErrorsOf(state);
  const message = formMessage(state);
  return (
    <form action={action} className="grid max-w-sm gap-4" noValidate>
      <Field label="Current password" name="current" type="password" autoComplete="current-password" required errors={errors.current} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required minLength={8} errors={errors.password} />
      <Field label="Confirm new password" name="confirm" type="password" autoComplete="new-password" required errors={errors.confirm} />
      {message ? <Alert variant={state?.ok ? "success" : "destructive"}>{message}</Alert> : null}
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
