import Link from "next/link";
import type { ReactNode } from "react";
import { HeaderSearch } from "@/components/shell/header-search";
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
        {/* The first stop of the Tab key: past the navigation, straight to the page. */}
        <a
          href="#main"
          className="sr-only rounded-md border bg-background px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-30 border-b bg-background/85 backdrop-blur">
          <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
            <Link href="/" className="flex items-center gap-2 font-semibold text-primary">
              <Logo className="size-6" />
              <span className="hidden text-foreground md:inline">Selenite</span>
            </Link>
            <NavLinks />
            <div className="ml-auto flex items-center gap-1">
              <HeaderSearch />
              <span className="hidden max-w-48 truncate text-sm text-muted-foreground xl:inline" title={user.email}>
                {user.name ?? user.email}
              </span>
              <ThemeToggle />
              <SignOutButton />
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none">
          {children}
        </main>
      </div>
    </NoticeProvider>
  );
}
