// Shared by the forms (client), the server actions and the REST routes.
import { z } from "zod";

/** Also holds for ADMIN_PASSWORD (lib/config.ts). */
export const PASSWORD_MIN_LENGTH = 8;

const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address."));
const newPassword = z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`).max(200, "Use at most 200 characters.");

export const loginSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(200),
});

export const setupSchema = z
  .object({
    name: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || undefined),
    email,
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "The passwords do not match.", path: ["confirm"] });

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password."),
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "The passwords do not match.", path: ["confirm"] })
  .refine((v) => v.password !== v.current, { message: "Choose a password different from the current one.", path: ["password"] });

export const apiTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(60, "Use at most 60 characters."),
});
