"use client";

import { LogOut, MonitorSmartphone } from "lucide-react";
import { useState, useTransition } from "react";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/app/(app)/settings/actions";
import { LocalTime } from "@/components/shell/local-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formMessage, type ActionResult } from "@/lib/http/action-result";

export type SessionRow = { id: string; device: string; userAgent: string | null; ip: string | null; createdAt: string; lastSeenAt: string; current: boolean };

export function Sessions({ sessions }: { sessions: SessionRow[] }) {
  const [state, setState] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<unknown>>) => startTransition(async () => setState(await action()));
  const message = formMessage(state);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="grid gap-4">
      {message ? <Alert variant={state?.ok ? "success" : "destructive"}>{message}</Alert> : null}
      <ul className="divide-y rounded-md border" aria-label="Signed-in sessions">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="session">
            <MonitorSmartphone className="size-4 text-muted-foreground" aria-hidden />
            <div className="min-w-0 flex-1">
              <p className="font-medium" title={session.userAgent ?? undefined}>
                {session.device} {session.current ? <Badge variant="secondary">This device</Badge> : null}
              </p>
              <p className="text-muted-foreground">
                {session.ip ?? "unknown address"} · signed in <LocalTime iso={session.createdAt} /> · last seen <LocalTime iso={session.lastSeenAt} />
              </p>
            </div>
            {session.current ? null : (
              <Button
                variant="outline"
                size="sm"
                disabled={pending}
                onClick={() => run(() => revokeSessionAction({ sessionId: session.id }))}
                aria-label={`Sign out ${session.device} (${session.ip ?? "unknown address"})`}
              >
                <LogOut />
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Button variant="outline" className="justify-self-start" disabled={pending} onClick={() => run(() => revokeOtherSessionsAction({}))}>
          Sign out all other sessions
        </Button>
      ) : (
        <p className="text-sm text-muted-foreground">No other browser is signed in.</p>
      )}
    </div>
  );
}
