import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/auth/tokens";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser();
  const tokens = await listApiTokens(user.id);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">Signed in as {user.email}.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Changing it signs you out everywhere else.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>API tokens</CardTitle>
          <CardDescription>
            For scripts: send <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>. A token is shown once, when it is created.
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
