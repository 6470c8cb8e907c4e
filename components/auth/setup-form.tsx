"use client";

import { UserPlus } from "lucide-react";
import { useActionState } from "react";
import { setupOwner } from "@/app/(auth)/setup/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/validation/auth";

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupOwner, {});
  return (
    <form action={action} className="grid gap-4" noValidate>
      <Field label="Your name (optional)" name="name" autoComplete="name" errors={state.errors?.name} />
      <Field label="Email" name="email" type="email" autoComplete="username" required errors={state.errors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} errors={state.errors?.password} />
      <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" required errors={state.errors?.confirm} />
      {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      <Button type="submit" disabled={pending}>
        <UserPlus />
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
