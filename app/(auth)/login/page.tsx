import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { LoginForm } from "@/components/auth/login-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { needsSetup } from "@/lib/auth/users";
import { safeReturnPath } from "@/lib/http/return-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await needsSetup()) redirect("/setup");
  const params = await searchParams;
  const justSetUp = params.setup === "done";
  const next = safeReturnPath(typeof params.next === "string" ? params.next : null) ?? "/";
  return (
    <Card>
      <CardHeader>
        <CardTitle level={1}>Sign in</CardTitle>
        <CardDescription>Use the account you created when you set up Selenite.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {justSetUp ? <Alert variant="success">Your account is ready. Sign in to start.</Alert> : null}
        <LoginForm next={next} />
      </CardContent>
    </Card>
  );
}
