"use client";

import { BellRing, Send, Trash2 } from "lucide-react";
import { useOptimistic, useState, useTransition, type FormEvent } from "react";
import { createWebhookAction, deleteWebhookAction, testWebhookAction, updateWebhookAction } from "@/app/(app)/settings/webhook-actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { fieldErrorsOf, formMessage, type ActionResult } from "@/lib/http/action-result";

export type EndpointRow = { id: string; url: string; kind: "webhook" | "ntfy"; secret: string; events: string[]; enabled: boolean };
export type DeliveryRow = {
  id: string;
  url: string;
  event: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
};

const EVENT_LABELS: Record<string, string> = { "job.completed": "Job completed", "job.failed": "Job failed" };
const STATUS_VARIANT: Record<string, "success" | "destructive" | "outline"> = { delivered: "success", failed: "destructive" };

function when(iso: string): string {
  return new Date(iso).toLocaleString();
}

export function Notifications({ endpoints, deliveries, events }: { endpoints: EndpointRow[]; deliveries: DeliveryRow[]; events: string[] }) {
  const [state, setState] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult<unknown>>) => startTransition(async () => setState(await action()));
  const message = formMessage(state);
  const errors = fieldErrorsOf(state);

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    const input = { url: String(form.get("url") ?? ""), kind: String(form.get("kind") ?? "webhook"), events: form.getAll("events").map(String) };
    startTransition(async () => {
      const result = await createWebhookAction(input as Parameters<typeof createWebhookAction>[0]);
      setState(result);
      if (result.ok) target.reset();
    });
  };

  // The checkboxes show the choice at once; the saved list replaces it when the page revalidates.
  const [chosen, choose] = useOptimistic(
    Object.fromEntries(endpoints.map((e) => [e.id, e.events])) as Record<string, string[]>,
    (current, change: { id: string; events: string[] }) => ({ ...current, [change.id]: change.events }),
  );
  const toggleEvent = (endpoint: EndpointRow, name: string, on: boolean) => {
    const now = chosen[endpoint.id] ?? endpoint.events;
    const next = events.filter((e) => (e === name ? on : now.includes(e)));
    startTransition(async () => {
      choose({ id: endpoint.id, events: next });
      setState(await updateWebhookAction({ endpointId: endpoint.id, events: next as Parameters<typeof updateWebhookAction>[0]["events"] }));
    });
  };

  return (
    <div className="grid gap-6">
      {message ? <Alert variant={state?.ok ? "success" : "destructive"}>{message}</Alert> : null}
      <form onSubmit={add} className="grid max-w-2xl gap-3" aria-label="Add a notification endpoint">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <Field
              label="URL"
              name="url"
              type="url"
              placeholder="https://example.com/hooks/selenite or https://ntfy.sh/my-topic"
              required
              errors={errors.url}
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="webhook-kind">Kind</Label>
            <NativeSelect id="webhook-kind" name="kind" defaultValue="webhook">
              <option value="webhook">Webhook (signed JSON)</option>
              <option value="ntfy">Push topic (ntfy, Gotify)</option>
            </NativeSelect>
          </div>
        </div>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 text-sm font-medium">Send when</legend>
          {events.map((name) => (
            <label key={name} className="flex items-center gap-2">
              <input type="checkbox" name="events" value={name} defaultChecked />
              {EVENT_LABELS[name] ?? name}
            </label>
          ))}
        </fieldset>
        {errors.events?.length ? <p className="text-sm text-destructive">{errors.events[0]}</p> : null}
        <Button type="submit" className="justify-self-start" disabled={pending}>
          <BellRing />
          Add endpoint
        </Button>
      </form>

      {endpoints.length === 0 ? (
        <p className="text-sm text-muted-foreground">No endpoints yet.</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Notification endpoints">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className="grid gap-2 px-4 py-3 text-sm" data-testid="webhook-endpoint">
              <div className="flex flex-wrap items-center gap-3">
                <p className="min-w-0 flex-1 break-all font-medium">
                  {endpoint.url} <Badge variant="outline">{endpoint.kind === "ntfy" ? "push topic" : "webhook"}</Badge>
                  {endpoint.enabled ? null : <Badge variant="secondary">off</Badge>}
                </p>
                <Button
                  variant="outline"
                  size="sm"
                  disabled={pending}
                  onClick={() => run(() => updateWebhookAction({ endpointId: endpoint.id, enabled: !endpoint.enabled }))}
                >
                  {endpoint.enabled ? "Switch off" : "Switch on"}
                </Button>
                <Button variant="outline" size="sm" disabled={pending} onClick={() => run(() => testWebhookAction({ endpointId: endpoint.id }))}>
                  <Send />
                  Send test
                </Button>
                <Button
                  variant="outline"
                  size="sm"
                  disabled={pending}
                  aria-label={`Remove ${endpoint.url}`}
                  onClick={() => run(() => deleteWebhookAction({ endpointId: endpoint.id }))}
                >
                  <Trash2 />
                  Remove
                </Button>
              </div>
              <div className="flex flex-wrap items-center gap-4 text-muted-foreground">
                {events.map((name) => (
                  <label key={name} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={(chosen[endpoint.id] ?? endpoint.events).includes(name)}
                      disabled={pending}
                      onChange={(e) => toggleEvent(endpoint, name, e.currentTarget.checked)}
                    />
                    {EVENT_LABELS[name] ?? name}
                  </label>
                ))}
                {endpoint.kind === "webhook" ? (
                  <span className="flex items-center gap-2">
                    Secret:{" "}
                    {shown === endpoint.id ? (
                      <code className="select-all break-all rounded bg-muted px-2 py-0.5 font-mono text-xs text-foreground">{endpoint.secret}</code>
                    ) : (
                      <Button variant="ghost" size="sm" onClick={() => setShown(endpoint.id)}>
                        Show
                      </Button>
                    )}
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}

      <div className="grid gap-2">
        <h3 className="text-sm font-medium">Recent deliveries</h3>
        {deliveries.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing sent yet.</p>
        ) : (
          <ul className="divide-y rounded-md border text-sm" aria-label="Recent deliveries">
            {deliveries.map((d) => (
              <li key={d.id} className="grid gap-1 px-4 py-2" data-testid="webhook-delivery">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge variant={STATUS_VARIANT[d.status] ?? "outline"}>{d.status}</Badge>
                  <span className="font-medium">{d.event}</span>
                  <span className="break-all text-muted-foreground">{d.url}</span>
                </p>
                <p className="text-muted-foreground">
                  {when(d.createdAt)} · {d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`}
                  {d.lastStatus !== null ? ` · last answer HTTP ${d.lastStatus}` : ""}
                  {d.nextAttemptAt && d.attempts > 0 ? ` · next try ${when(d.nextAttemptAt)}` : ""}
                </p>
                {d.lastError ? <p className="text-destructive">{d.lastError}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
