"use client";

import { TextField } from "@awan/ui/field";

type Existing = { hasPassword: boolean; expiresAt: Date | null; maxDownloads: number | null; mode: "VIEW" | "DROP" };

/** "2026-05-31" for a date input, in the viewer's own calendar. */
const dateValue = (date: Date | null) =>
  date ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}` : "";

/** Password, expiry and download limit: for a new link, or filled in from an existing one. */
export function LinkSettingsFields({ link }: { link?: Existing }) {
  const today = dateValue(new Date());
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <TextField
        label={link?.hasPassword ? "New password" : "Password"}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={8}
        hint={link?.hasPassword ? "Empty: keep the current one." : "Optional, at least 8 characters."}
      />
      <TextField label="Expires on" name="expiresOn" type="date" min={today} defaultValue={dateValue(link?.expiresAt ?? null)} hint="Optional: works until the end of that day." />
      {link?.mode !== "DROP" ? (
        <TextField label="Download limit" name="maxDownloads" type="number" min={1} step={1} defaultValue={link?.maxDownloads ?? ""} hint="Optional: each file or zip counts once." />
      ) : null}
    </div>
  );
}

/** The fields' values; an empty field means none (no expiry, no limit, no password). */
export function readLinkSettings(form: FormData) {
  const expiresOn = String(form.get("expiresOn") ?? "");
  const maxDownloads = String(form.get("maxDownloads") ?? "").trim();
  return {
    password: String(form.get("password") ?? ""),
    // The end of the chosen day, in the sharer's own time zone.
    expiresAt: expiresOn ? new Date(`${expiresOn}T23:59:59.999`) : null,
    maxDownloads: maxDownloads === "" ? null : Number(maxDownloads),
  };
}
