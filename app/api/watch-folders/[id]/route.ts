// PATCH /api/watch-folders/:id - pause or resume watching ({ enabled })
// DELETE /api/watch-folders/:id - stop watching the folder (its jobs stay)
import { NextResponse } from "next/server";
import { param, readJson, withUser } from "@/lib/http/api";
import { watchFolderToggleSchema } from "@/lib/validation/watch";
import { removeWatchFolder, setWatchFolderEnabled } from "@/lib/watch/folders";

export const PATCH = withUser(async (request, { user, params }) => {
  const id = param(params, "id");
  const { enabled } = watchFolderToggleSchema.parse({ id, ...((await readJson(request)) as object) });
  await setWatchFolderEnabled(user.id, id, enabled);
  return NextResponse.json({ id, enabled });
});

export const DELETE = withUser(async (_request, { user, params }) => {
  await removeWatchFolder(user.id, param(params, "id"));
  return NextResponse.json({ deleted: true });
});
