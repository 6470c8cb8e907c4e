// GET /api/watch-folders - the user's watch folders, each with its last imported files
// POST /api/watch-folders - watch a folder on the server ({ path, model?, language?, tags?, speakers?, output?, outputDir?, outputFormats?, polling? })
import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/http/api";
import { watchFolderInputSchema } from "@/lib/validation/watch";
import { addWatchFolder, listWatchFolders } from "@/lib/watch/folders";

export const GET = withUser(async (_request, { user }) => NextResponse.json({ folders: await listWatchFolders(user.id) }));

export const POST = withUser(async (request, { user }) => {
  const input = watchFolderInputSchema.parse(await readJson(request));
  return NextResponse.json({ folder: await addWatchFolder(user.id, input) }, { status: 201 });
});
