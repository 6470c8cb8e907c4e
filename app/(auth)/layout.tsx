import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { ThemeToggle } from "@/components/shell/theme-toggle";

export const dynamic = "force-dynamic";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center gap-6 px-4 py-12">
      <header className="flex flex-col items-center">
        <div className="absolute right-4 top-4">
          <ThemeToggle />
        </div>
        <div className="flex items-center gap-2 text-primary">
          <Logo className="size-9" />
          <span className="text-2xl font-semibold text-foreground">Selenite</span>
        </div>
      </header>
      <main className="w-full max-w-sm">{children}</main>
      <footer className="text-xs text-muted-foreground">Private transcription. Nothing leaves this server.</footer>
    </div>
  );
}
