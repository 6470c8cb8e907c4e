"use client";

import { KeyRound, Trash2 } from "lucide-react";
import { useActionState, useRef, useState, useTransition } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/(app)/settings/actions";
import { CompatibleUrls } from "@/components/settings/compatible-urls";
import { CopyButton } from "@/components/shell/copy-button";
import { LocalTime } from "@/components/shell/local-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrorsOf, formMessage } from "@/lib/http/action-result";

type Token = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

function When({ iso }: { iso: string | null }) {
  return iso ? <LocalTime iso={iso} /> : <>never</>;
}

/** Selects the token's text, so Ctrl+C copies it when the browser would not. */
function selectText(element: HTMLElement | null) {
  if (!element) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

export function ApiTokens({ tokens }: { tokens: Token[] }) {
  const [state, action, pending] = useActionState(createTokenAction, null);
  const [revoking, startRevoke] = useTransition();
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const message = formMessage(state);
  const tokenText = useRef<HTMLElement>(null);
  const revoke = (tokenId: string) =>
    startRevoke(async () => {
      const result = await revokeTokenAction({ tokenId });
      setRevokeError(result.ok ? null : result.error);
    });
  return (
    <div className="grid gap-6">
      <form action={action} className="flex max-w-lg flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <Field label="Token name" name="name" placeholder="e.g. backup script" required maxLength={60} errors={fieldErrorsOf(state).name} />
        </div>
        <Button type="submit" disabled={pending}>
          <KeyRound />
          Create token
        </Button>
      </form>
      {message ? (
        <Alert variant={state?.ok ? "success" : "destructive"} className="grid gap-2">
          <span>{message}</span>
          {state?.ok ? (
            <div className="flex flex-wrap items-center gap-2">
              <code
                ref={tokenText}
                data-testid="new-token"
                className="min-w-0 flex-1 select-all break-all rounded bg-muted px-2 py-1 font-mono text-xs text-foreground"
              >
                {state.data.token}
              </code>
              <CopyButton text={state.data.token} label="Copy the new token" onFailed={() => selectText(tokenText.current)} />
            </div>
          ) : null}
          {state?.ok ? <CompatibleUrls token={state.data.token} /> : null}
        </Alert>
      ) : null}
      {revokeError ? <Alert variant="destructive">{revokeError}</Alert> : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-muted-foreground">No API tokens yet.</p>
      ) : (
        <ul className="divide-y rounded-md border">
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{token.name}</p>
                <p className="text-muted-foreground">
                  <span className="font-mono">{token.prefix}…</span> · created <When iso={token.createdAt} /> · last used <When iso={token.lastUsedAt} />
                </p>
              </div>
              <Button variant="outline" size="sm" disabled={revoking} onClick={() => revoke(token.id)} aria-label={`Revoke ${token.name}`}>
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
