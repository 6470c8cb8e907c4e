"use client";
// The addresses other tools need, with a new token filled in: it is shown only once,
// so this is the one moment the whole compatible URL can be shown ready to copy.

import { Check, Copy } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const noSubscription = () => () => {};

/** This page's origin as the browser reached it (behind a proxy too); empty while rendering on the server. */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
}

function CopyLine({ label, value, testId }: { label: string; value: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="grid gap-1">
      <span className="text-xs font-medium">{label}</span>
      <div className="flex items-center gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 select-all break-all rounded bg-muted px-2 py-1 font-mono text-xs text-foreground">
          {value}
        </code>
        <Button type="button" variant="outline" size="sm" onClick={copy} aria-label={`Copy ${label}`}>
          {copied ? <Check /> : <Copy />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}

export function CompatibleUrls({ token }: { token: string }) {
  const origin = useOrigin();
  if (!origin) return null;
  return (
    <div className="grid gap-3 pt-2">
      <CopyLine label="OpenAI-compatible base URL (use the token as the API key)" value={`${origin}/v1`} testId="openai-base-url" />
      <CopyLine label="whisper-asr-webservice URL for Bazarr (the token is part of it)" value={`${origin}/compat/${token}`} testId="asr-base-url" />
      <p className="text-xs text-muted-foreground">Revoking this token also stops both URLs. docs/api.md says how to set up Bazarr and Open WebUI.</p>
    </div>
  );
}
