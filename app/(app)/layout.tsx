import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { NavLinks } from "@/components/shell/nav-links";
import { NoticeProvider } from "@/components/shell/notices";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { requirePageUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <NoticeProvider>
      <div className="flex min-h-dvh flex-col">
        <header className="sticky top-0 z-30 border-b bg-background/85 backdrop-blur">
          <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
            <Link href="/" className="flex items-center gap-2 font-semibold text-primary">
              <Logo className="size-6" />
              <span className="hidden text-foreground md:inline">Selenite</span>
            </Link>
            <NavLinks />
            <div className="ml-auto flex items-center gap-1">
              <span className="hidden max-w-48 truncate text-sm text-muted-foreground lg:inline" title={user.email}>
                {user.name ?? user.email}
              </span>
              <ThemeToggle />
              <SignOutButton />
            </div>
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</main>
      </div>
    </NoticeProvider>
  );
}
