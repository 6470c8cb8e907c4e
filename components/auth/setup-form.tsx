"use client";

import { UserPlus } from "lucide-react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { setupOwner } from "@/app/(auth)/setup/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrorsOf, formMessage, type ActionResult } from "@/lib/http/action-result";

/**
 * Creates the owner account, then signs the owner in with it. Submitted by hand rather
 * than as a form action, so a validation error leaves what was typed in the fields
 * (React resets a form after its action runs).
 */
export function SetupForm() {
  const router = useRouter();
  const [state, setState] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const errors = fieldErrorsOf(state);
  const message = formMessage(state);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await setupOwner(null, form);
      setState(result);
      if (!result.ok) return;
      const signedIn = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
      // The account exists either way; if signing in did not work, the login page says so.
      router.replace(signedIn && !signedIn.error ? "/" : "/login?setup=done");
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <Field label="Your name (optional)" name="name" autoComplete="name" errors={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="username" required errors={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} errors={errors.password} />
      <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" required errors={errors.confirm} />
      {message ? <Alert variant="destructive">{message}</Alert> : null}
      <Button type="submit" disabled={pending}>
        <UserPlus />
        {pending ? "Creating account…" : state?.ok ? "Signing in…" : "Create account"}
      </Button>
    </form>
  );
}
