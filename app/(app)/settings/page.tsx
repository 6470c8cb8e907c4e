import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { Notifications } from "@/components/settings/notifications";
import { Sessions } from "@/components/settings/sessions";
import { SettingsForm } from "@/components/settings/settings-form";
import { SignInFailures } from "@/components/settings/sign-in-failures";
import { StorageUsage } from "@/components/settings/storage-usage";
import { WatchFolders } from "@/components/settings/watch-folders";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageSession } from "@/lib/auth/session";
import { listSignInFailures } from "@/lib/auth/sign-in-failures";
import { listApiTokens } from "@/lib/auth/tokens";
import { describeUserAgent } from "@/lib/auth/user-agent";
import { listUserSessions } from "@/lib/auth/user-sessions";
import { getConfig } from "@/lib/config";
import { scanModels } from "@/lib/models/registry";
import { getSettings } from "@/lib/settings/service";
import { WEBHOOK_EVENTS } from "@/lib/validation/webhooks";
import { listDeliveries, listWebhooks } from "@/lib/webhooks/service";
import { listWatchFolders } from "@/lib/watch/folders";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { user, sessionId } = await requirePageSession();
  const config = getConfig();
  const [tokens, sessions, settings, { models }, failures, webhooks, deliveries, watchFolders] = await Promise.all([
    listApiTokens(user.id),
    listUserSessions(user.id),
    getSettings(),
    scanModels(config.modelsDir),
    listSignInFailures(user.id),
    listWebhooks(user.id),
    listDeliveries(user.id),
    listWatchFolders(user.id),
  ]);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">Signed in as {user.email}.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Transcription</CardTitle>
          <CardDescription>Defaults for new uploads, and how hard the server works.</CardDescription>
        </CardHeader>
        <CardContent>
          <SettingsForm values={settings} models={models.map((m) => ({ name: m.name, multilingual: m.multilingual }))} cores={config.cpuCount} />
        </CardContent>
      </Card>
      <StorageUsage />
      <Card>
        <CardHeader>
          <CardTitle>Notifications</CardTitle>
          <CardDescription>
            When a job completes or fails, Selenite POSTs to these URLs: signed JSON for a webhook (check{" "}
            <code className="font-mono text-xs">X-Selenite-Signature</code> with the endpoint&apos;s secret), or a short message with a title and link for an
            ntfy or Gotify-style topic. Failed deliveries are retried with growing pauses, across restarts.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Notifications
            endpoints={webhooks.map((w) => ({ id: w.id, url: w.url, kind: w.kind, secret: w.secret, events: w.events, enabled: w.enabled }))}
            deliveries={deliveries.map((d) => ({
              id: d.id,
              url: d.url,
              event: d.event,
              status: d.status,
              attempts: d.attempts,
              lastStatus: d.lastStatus,
              lastError: d.lastError,
              nextAttemptAt: d.nextAttemptAt,
              createdAt: d.createdAt,
            }))}
            events={[...WEBHOOK_EVENTS]}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Watch folders</CardTitle>
          <CardDescription>
            Folders on the server whose new recordings become jobs of yours, once a file has stopped growing. Each is imported once; subtitles can be written
            next to it (Episode.en.srt, as Jellyfin and Plex name them).
          </CardDescription>
        </CardHeader>
        <CardContent>
          <WatchFolders folders={watchFolders} models={models.map((m) => m.name)} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Changing it signs you out everywhere else.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
      <SignInFailures failures={failures} />
      <Card>
        <CardHeader>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>Browsers signed in to your account. Signing one out ends it at once, even for a copy of its cookie.</CardDescription>
        </CardHeader>
        <CardContent>
          <Sessions
            sessions={sessions.map((s) => ({
              id: s.id,
              device: describeUserAgent(s.userAgent),
              userAgent: s.userAgent,
              ip: s.ip,
              createdAt: s.createdAt.toISOString(),
              lastSeenAt: s.lastSeenAt.toISOString(),
              current: s.id === sessionId,
            }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>API tokens</CardTitle>
          <CardDescription>
            For scripts: send <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>. A token is shown once, when it is created, with
            the OpenAI-compatible and whisper-asr-webservice-compatible (Bazarr) URLs it opens.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ApiTokens
            tokens={tokens.map((t) => ({
              id: t.id,
              name: t.name,
              prefix: t.prefix,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            }))}
          />
        </CardContent>
      </Card>
    </div>
  );
}
