import { ROLE_LABELS, rolesFor, type ShareRole } from "./share-roles";

const CONTROL = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900";

/** Viewer, Editor, and for folders "Can add files only". */
export function RoleSelect({ kind, value, onChange, label, disabled }: { kind: string; value: ShareRole; onChange(role: ShareRole): void; label: string; disabled?: boolean }) {
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as ShareRole)} className={CONTROL}>
      {rolesFor(kind).map((role) => (
        <option key={role} value={role}>{ROLE_LABELS[role]}</option>
      ))}
    </select>
  );
}
