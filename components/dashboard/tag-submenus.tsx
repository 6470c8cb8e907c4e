"use client";

import { Settings2, TagIcon, Tags, X } from "lucide-react";
import { useSyncExternalStore } from "react";
import {
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
} from "@/components/ui/dropdown-menu";
import type { TagView } from "@/components/tags/tag-colors";
import type { JobCommands } from "@/components/dashboard/job-types";

type Props = {
  ids: string[];
  /** Tags that can be added (not on every one of the jobs yet). */
  addable: TagView[];
  /** Tags on at least one of the jobs. */
  removable: TagView[];
  commands: JobCommands;
};

const Dot = ({ color }: { color: string }) => <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: color }} />;

const NARROW = "(max-width: 639px)";
const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(NARROW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};
// A submenu needs room beside its menu; a phone has none, so there the tags are listed inline.
const useNarrow = () =>
  useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );

/** "Add tag" and "Remove tag" submenus, shared by a row's menu and the selection bar. */
export function TagSubmenus({ ids, addable, removable, commands }: Props) {
  const narrow = useNarrow();
  if (narrow) {
    return (
      <>
        {addable.length ? <DropdownMenuLabel>Add tag</DropdownMenuLabel> : null}
        {addable.map((tag) => (
          <DropdownMenuItem key={tag.id} onSelect={() => commands.tag(ids, tag.id, "add")}>
            <TagIcon />
            <Dot color={tag.color} />
            <span className="truncate">{tag.name}</span>
          </DropdownMenuItem>
        ))}
        {removable.length ? <DropdownMenuLabel>Remove tag</DropdownMenuLabel> : null}
        {removable.map((tag) => (
          <DropdownMenuItem key={tag.id} onSelect={() => commands.tag(ids, tag.id, "remove")}>
            <X />
            <Dot color={tag.color} />
            <span className="truncate">{tag.name}</span>
          </DropdownMenuItem>
        ))}
        <DropdownMenuItem onSelect={commands.manageTags}>
          <Settings2 /> Manage tags…
        </DropdownMenuItem>
      </>
    );
  }
  return (
    <>
      <DropdownMenuSub>
        <DropdownMenuSubTrigger>
          <TagIcon /> Add tag
        </DropdownMenuSubTrigger>
        <DropdownMenuSubContent>
          {addable.length === 0 ? <DropdownMenuItem disabled>No other tags</DropdownMenuItem> : null}
          {addable.map((tag) => (
            <DropdownMenuItem key={tag.id} onSelect={() => commands.tag(ids, tag.id, "add")}>
              <Dot color={tag.color} />
              <span className="truncate">{tag.name}</span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={commands.manageTags}>
            <Settings2 /> Manage tags…
          </DropdownMenuItem>
        </DropdownMenuSubContent>
      </DropdownMenuSub>
      <DropdownMenuSub>
        <DropdownMenuSubTrigger disabled={removable.length === 0}>
          <Tags /> Remove tag
        </DropdownMenuSubTrigger>
        <DropdownMenuSubContent>
          {removable.map((tag) => (
            <DropdownMenuItem key={tag.id} onSelect={() => commands.tag(ids, tag.id, "remove")}>
              <X />
              <Dot color={tag.color} />
              <span className="truncate">{tag.name}</span>
            </DropdownMenuItem>
          ))}
        </DropdownMenuSubContent>
      </DropdownMenuSub>
    </>
  );
}
