"use client";

import { Clock, Merge, MoreHorizontal, Pencil, Undo2 } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

type SegmentMenuProps = {
  time: string;
  last: boolean;
  revertable: boolean;
  disabled: boolean;
  onEdit: () => void;
  onTimes: () => void;
  onMerge: () => void;
  onRevert: () => void;
};

const Key = ({ children }: { children: string }) => <kbd className="ml-auto font-sans text-xs text-muted-foreground">{children}</kbd>;

/** The less frequent corrections of one segment. */
export function SegmentMenu({ time, last, revertable, disabled, onEdit, onTimes, onMerge, onRevert }: SegmentMenuProps) {
  // The editors focus their own field; the menu must not take focus back to its button as it closes.
  const opensEditor = useRef(false);
  const open = (show: () => void) => () => {
    opensEditor.current = true;
    show();
  };
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="size-7 text-muted-foreground"
          aria-label={`More corrections for the segment at ${time}`}
          disabled={disabled}
        >
          <MoreHorizontal />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent
        align="end"
        className="w-56"
        onCloseAutoFocus={(event) => {
          if (opensEditor.current) event.preventDefault();
          opensEditor.current = false;
        }}
      >
        <DropdownMenuItem onSelect={open(onEdit)}>
          <Pencil /> Edit text <Key>E</Key>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={open(onTimes)}>
          <Clock /> Adjust times… <Key>T</Key>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={onMerge} disabled={last}>
          <Merge /> Merge with next
        </DropdownMenuItem>
        {revertable ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={onRevert}>
              <Undo2 /> Revert to machine text
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
