"use client";

import { UserPlus } from "lucide-react";
import { useActionState } from "react";
import { setupOwner } from "@/app/(auth)/setup/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrorsOf, formMessage } from "@/lib/http/action-result";

export function SetupForm() {
  const [state, action, pending] = useActionState(setupOwner, null);
  const errors = fieldErrorsOf(state);
  const message = formMessage(state);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <Field label="Your name (optional)" name="name" autoComplete="name" errors={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="username" required errors={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} errors={errors.password} />
      <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" required errors={errors.confirm} />
      {message ? <Alert variant="destructive">{message}</Alert> : null}
      <Button type="submit" disabled={pending}>
        <UserPlus />
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
