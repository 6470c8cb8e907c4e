import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { needsSetup } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/login");
  return (
    <Card>
      <CardHeader>
        <CardTitle level={1}>Welcome to Selenite</CardTitle>
        <CardDescription>
          Step 1 of 2: create the owner account (this page is shown once, before any account exists). Step 2: download a Whisper model, with one button on the
          dashboard.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SetupForm />
      </CardContent>
    </Card>
  );
}
