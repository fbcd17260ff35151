import { TextField } from "@awan/ui/field";
import { fieldError } from "@/lib/trpc";

/** Name, Email and Password for a new account, each showing the server's word on it. */
export function AccountFields({ error }: { error: unknown }) {
  return (
    <>
      <TextField label="Name" name="name" autoComplete="name" required maxLength={100} error={fieldError(error, "name")} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldError(error, "email")} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={fieldError(error, "password")}
      />
    </>
  );
}

export function readAccountFields(form: FormData) {
  return { name: String(form.get("name")), email: String(form.get("email")), password: String(form.get("password")) };
}

/** True when the error is not about one of the named fields, so the form shows it on top. */
export function isFormLevelError(error: unknown, fields: string[]): boolean {
  return Boolean(error) && !fields.some((field) => fieldError(error, field));
}
