import { z } from "zod";
import { InvitationToken, OrganizationName } from "../tenancy/schemas";
import { singleLineText } from "../text-input";

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: "Email addresses are at most 254 characters." })
  .pipe(z.email({ error: "Enter a valid email address." }));

export const Password = z
  .string()
  .min(8, { error: "Passwords need at least 8 characters." })
  .max(256, { error: "Passwords are at most 256 characters." });

export const PersonName = singleLineText("your name", 100);

export const SignUpInput = z.object({
  name: PersonName,
  email: Email,
  password: Password,
  organizationName: OrganizationName,
});

export const SignUpWithInvitationInput = z.object({
  name: PersonName,
  email: Email,
  password: Password,
  token: InvitationToken,
});

export const SignInCredentials = z.object({ email: Email, password: z.string().min(1).max(256) });
