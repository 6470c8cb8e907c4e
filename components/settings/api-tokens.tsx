"use client";

import { KeyRound, Trash2 } from "lucide-react";
import { useActionState, useTransition } from "react";
import { createTokenAction, revokeTokenAction, type TokenState } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Token = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "never";
}

export function ApiTokens({ tokens }: { tokens: Token[] }) {
  const [state, action, pending] = useActionState<TokenState, FormData>(createTokenAction, {});
  const [revoking, startRevoke] = useTransition();
  return (
    <div className="grid gap-6">
      <form action={action} className="flex max-w-lg flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <Field label="Token name" name="name" placeholder="e.g. backup script" required maxLength={60} errors={state.errors?.name} />
        </div>
        <Button type="submit" disabled={pending}>
          <KeyRound />
          Create token
        </Button>
      </form>
      {state.message ? (
        <Alert variant={state.ok ? "success" : "destructive"} className="grid gap-2">
          <span>{state.message}</span>
          {state.token ? (
            <code data-testid="new-token" className="select-all break-all rounded bg-muted px-2 py-1 font-mono text-xs text-foreground">
              {state.token}
            </code>
          ) : null}
        </Alert>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-muted-foreground">No API tokens yet.</p>
      ) : (
        <ul className="divide-y rounded-md border">
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{token.name}</p>
                <p className="text-muted-foreground">
                  <span className="font-mono">{token.prefix}…</span> · created {when(token.createdAt)} · last used {when(token.lastUsedAt)}
                </p>
              </div>
              <Button
                variant="outline"
                size="sm"
                disabled={revoking}
                onClick={() => startRevoke(async () => void (await revokeTokenAction(token.id)))}
                aria-label={`Revoke ${token.name}`}
              >
                <Trash2 />
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
