"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { createOwner } from "@/lib/auth/users";
import { isSeleniteError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { setupSchema, type FormState } from "@/lib/validation/auth";

// The one action that runs without requireUser(): it can only succeed while no
// account exists (createOwner checks inside its transaction).
export async function setupOwner(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = setupSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors };
  try {
    await createOwner(parsed.data);
  } catch (error) {
    if (isSeleniteError(error)) return { message: error.message };
    logger.error({ err: error }, "setup failed");
    return { message: "The account could not be created. The server log has the details." };
  }
  redirect("/login?setup=done");
}
