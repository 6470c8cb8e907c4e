"use client";

import { Search } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { isSlashShortcut } from "@/components/shell/slash-shortcut";

/**
 * The header's search box, and "/" to reach it from anywhere. On the search page
 * the page's own field takes its place (and the shortcut), so there is one box;
 * on a screen too narrow for it, "/" opens the search page.
 */
export function HeaderSearch() {
  const pathname = usePathname();
  const router = useRouter();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSlashShortcut(event, event.target instanceof Element ? event.target : null)) return;
      const field = [...document.querySelectorAll<HTMLInputElement>("[data-search-field]")].find((el) => el.offsetParent !== null);
      event.preventDefault();
      // Too narrow a screen for the header's box: the search page has one.
      if (!field) return router.push("/search");
      field.focus();
      field.select();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [router]);
  if (pathname === "/search") return null;
  return (
    <form action="/search" role="search" aria-label="Transcript search" className="relative hidden w-44 lg:block xl:w-64">
      <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
      <input
        name="q"
        type="search"
        required
        maxLength={500}
        placeholder="Search transcripts"
        aria-label="Search transcripts"
        aria-keyshortcuts="/"
        data-search-field
        className="h-9 w-full rounded-md border border-input bg-background pl-8 pr-2 text-sm xl:pr-8 shadow-sm placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      />
      <kbd
        aria-hidden
        className="pointer-events-none absolute right-2 top-1/2 hidden -translate-y-1/2 rounded border bg-muted px-1.5 font-mono text-[0.7rem] leading-4 text-muted-foreground xl:block"
      >
        /
      </kbd>
    </form>
  );
}
