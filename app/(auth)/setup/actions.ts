"use server";

import { createOwner } from "@/lib/auth/users";
import { publicFormAction } from "@/lib/http/action";
import { setupSchema } from "@/lib/validation/auth";

// The one action that runs without a session: it can only succeed while no
// account exists (createOwner checks inside its transaction). The form then signs
// the owner in with the password just chosen.
export const setupOwner = publicFormAction(setupSchema, async (input) => void (await createOwner(input)), { what: "Creating the account" });
