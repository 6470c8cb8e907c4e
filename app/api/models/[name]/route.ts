// DELETE /api/models/:name - delete an installed model and any unfinished download of it (owner only; 409 while a job uses it)
import { NextResponse } from "next/server";
import { param, withUser } from "@/lib/http/api";
import { deleteModel } from "@/lib/models/service";

export const DELETE = withUser(async (_request, { user, params }) => {
  await deleteModel({ userId: user.id }, param(params, "name"));
  return NextResponse.json({ deleted: true });
});
